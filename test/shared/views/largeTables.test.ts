import { describe, expect, it } from 'vitest'
import { asciiTable } from '../../../shared/views/asciiTable'
import { KUBECTL_TABWRITER, tabwrite } from '../../../shared/views/tabwriter'

describe('tables of more rows than a call has arguments', () => {
  const rows = Array.from({ length: 200_000 }, (_, i) => [`pod-${i}`, 'Running'])

  it('kubectl-style: the columns fit the widest cell', () => {
    expect(tabwrite(rows, KUBECTL_TABWRITER).split('\n')[199_999]).toBe('pod-199999   Running')
  })

  it('calicoctl ipam-style', () => {
    expect(asciiTable(['name', 'state'], rows).split('\n')[3]).toBe('| pod-0      | Running |')
  })
})
