import { describe, expect, it } from 'vitest'
import { bySeverity, type Diagnostic } from '../../shared/diagnostics'

const d = (code: string, severity: Diagnostic['severity']): Diagnostic => ({ code, severity, message: code })

describe('problems in the order a person fixes them', () => {
  it('puts errors first, then warnings, then notes, each in the order found', () => {
    const sorted = bySeverity([d('i1', 'info'), d('w1', 'warning'), d('e1', 'error'), d('w2', 'warning'), d('e2', 'error'), d('i2', 'info')])
    expect(sorted.map((x) => x.code)).toEqual(['e1', 'e2', 'w1', 'w2', 'i1', 'i2'])
  })
})
