import { describe, expect, it } from 'vitest'
import { checkBundle } from '../../../shared/validate/checkBundle'

const pool = (name: string, cidr: string): string => `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: ${name}}\nspec: {cidr: ${cidr}}\n`
const segment = (name: string, cidr: string): string => `apiVersion: peerlab.dev/v1alpha1\nkind: Segment\nmetadata: {name: ${name}}\nspec: {cidrs: [${cidr}]}\n`
const cluster = 'apiVersion: peerlab.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\nspec: {podCIDRs: [10.48.0.0/16], serviceCIDRs: [10.49.0.0/16]}\n'
const overlaps = (docs: string[]): { code: string; subject?: string; message: string; related?: readonly string[] }[] =>
  checkBundle([cluster, ...docs].join('---\n'))
    .diagnostics.filter((d) => d.code.endsWith('overlap'))
    .map(({ code, subject, message, related }) => ({ code, subject, message, related }))

describe('overlapping ranges are reported by group of identical ranges', () => {
  it('reports two thousand copies of a pool once, naming the first few and counting the rest, quickly', () => {
    const copies = Array.from({ length: 2_000 }, (_, i) => pool(`p${String(i).padStart(4, '0')}`, '10.48.0.0/24'))
    const started = performance.now()
    const found = overlaps(copies)
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({
      code: 'ippool.overlap',
      subject: 'ippool/p0001',
      message: 'IPPool(p0001), IPPool(p0002), IPPool(p0003), IPPool(p0004), IPPool(p0005) and 1994 more CIDR overlaps with IPPool(p0000) CIDR 10.48.0.0/24',
    })
    expect(found[0]?.related).toHaveLength(1_999)
  })

  it('reports a group of copies inside another pool once, and the copies once', () => {
    const found = overlaps([pool('outer', '10.48.0.0/23'), pool('a', '10.48.1.0/24'), pool('b', '10.48.1.0/24'), pool('c', '10.48.1.0/24')])
    expect(found.map((d) => d.message).sort()).toEqual([
      'IPPool(a), IPPool(b) and IPPool(c) CIDR overlaps with IPPool(outer) CIDR 10.48.0.0/23',
      'IPPool(b) and IPPool(c) CIDR overlaps with IPPool(a) CIDR 10.48.1.0/24',
    ])
  })

  it('keeps the message of a single pair as Calico words it', () => {
    expect(overlaps([pool('a', '10.48.0.0/24'), pool('b', '10.48.0.0/25')]).map((d) => d.message)).toEqual(['IPPool(b) CIDR overlaps with IPPool(a) CIDR 10.48.0.0/24'])
  })

  it('reports copies of a subnet, and the pools on them, once per pair of roles', () => {
    const found = overlaps([segment('s1', '10.0.1.0/24'), segment('s2', '10.0.1.0/24'), segment('s3', '10.0.1.0/24'), pool('onhosts', '10.0.1.0/24')])
    expect(found.filter((d) => d.code === 'plan.range-overlap').map((d) => [d.subject, d.message.split(':')[0]])).toEqual([
      ['segment/s1', 'subnet 10.0.1.0/24 overlaps subnet 10.0.1.0/24 (and so do segment/s3)'],
      ['ippool/onhosts', 'IP pool 10.0.1.0/24 overlaps subnet 10.0.1.0/24 (and so do segment/s2 and segment/s3)'],
    ])
  })
})
