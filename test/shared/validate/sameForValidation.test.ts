import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { applyCommand } from '../../../shared/commands/commands'
import { checkEdit } from '../../../shared/edit/checkedEdit'
import { editField } from '../../../shared/edit/editableFields'
import { loadDesign } from '../../../shared/format/loadDesign'
import type { Design } from '../../../shared/model/design'
import { hostsOf } from '../../../shared/model/query'
import { sameForValidation } from '../../../shared/validate/sameForValidation'
import { checkDesign, primeValidation, validateDesign } from '../../../shared/validate/validateDesign'

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/designs')
const designs = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => ({ name, design: loadDesign(readFileSync(resolve(FIXTURES, name), 'utf8')).design }))

function edited(design: Design, id: string, key: string, text: string): Design {
  const command = editField(design, id, key, text)
  if (!command) throw new Error(`no ${key} field on ${id}`)
  return applyCommand(design, command)
}

describe('validation reused across edits no check reads', () => {
  it.each(designs)('$name: every host aliased, renamed and unaliased has the diagnostics a full check finds', ({ design }) => {
    let current = design
    validateDesign(current)
    for (const host of hostsOf(design)) {
      for (const alias of [`alias-${host.name}`, 'x', '']) {
        const next = edited(current, host.id, 'alias', alias)
        expect(sameForValidation(current, next)).toBe(true)
        expect(validateDesign(next)).toEqual(checkDesign(next))
        current = next
      }
    }
  })

  it.each(designs)('$name: an edit a check reads is checked afresh', ({ design }) => {
    const host = hostsOf(design).find((h) => h.role !== 'router')
    if (!host) return
    validateDesign(design)
    const relabelled = edited(design, host.id, 'labels', 'zone=a')
    expect(sameForValidation(design, relabelled)).toBe(false)
    expect(validateDesign(relabelled)).toEqual(checkDesign(relabelled))
    const renamed = edited(design, host.id, 'name', `${host.name}-b`)
    expect(sameForValidation(design, renamed)).toBe(false)
    expect(validateDesign(renamed)).toEqual(checkDesign(renamed))
  })

  it('reuses the diagnostics of the design before an alias edit rather than checking again', () => {
    const design = designs.find((d) => d.name === 'twenty-mistakes.yaml')?.design as Design
    const host = hostsOf(design)[0]
    if (!host) throw new Error('the fixture has hosts')
    const before = validateDesign(design)
    const after = validateDesign(edited(design, host.id, 'alias', 'front'))
    expect(before.length).toBeGreaterThan(0)
    after.forEach((d, i) => expect(d).toBe(before[i]))
  })

  it('tells apart designs whose entries differ in anything but a host alias', () => {
    const design = designs.find((d) => d.name === 'full-v1alpha1.yaml')?.design as Design
    expect(sameForValidation(design, { ...design, name: 'other' })).toBe(false)
    expect(sameForValidation(design, { ...design, entries: design.entries.slice(1) })).toBe(false)
    expect(sameForValidation(design, { ...design, entries: [...design.entries].reverse() })).toBe(false)
  })

  it('an alias edit on trial adds no problems, as a full check would find', () => {
    for (const { design } of designs)
      for (const host of hostsOf(design)) {
        const command = editField(design, host.id, 'alias', 'typed')
        if (!command) throw new Error('hosts have aliases')
        const after = applyCommand(design, command)
        const known = new Set(
          checkDesign(design)
            .filter((d) => d.severity === 'error')
            .map((d) => JSON.stringify(d)),
        )
        const added = checkDesign(after).filter((d) => d.severity === 'error' && !known.has(JSON.stringify(d)))
        expect(checkEdit(design, command).problems).toEqual(added)
      }
  })
})

describe('an edit on trial that no check can see', () => {
  it('is not checked at all', async () => {
    const validate = await import('../../../shared/validate/validateDesign')
    const design = loadDesign(readFileSync(resolve(FIXTURES, 'full-v1alpha1.yaml'), 'utf8')).design
    const host = hostsOf(design)[0]
    const command = host && editField(design, host.id, 'alias', 'edge')
    if (!command) throw new Error('the fixture has hosts')
    const checked = vi.spyOn(validate, 'validateDesign')
    expect(checkEdit(design, command).problems).toEqual([])
    expect(checked).not.toHaveBeenCalled()
  })
})

describe('diagnostics worked out elsewhere', () => {
  it('are the ones a design is taken to have: trying an edit on it checks only the design after the edit', () => {
    const design = structuredClone((designs[0] as { design: Design }).design)
    const elsewhere = [{ code: 'plan.no-cluster', severity: 'warning' as const, message: 'as the worker found it' }]
    primeValidation(design, elsewhere)
    expect(validateDesign(design)).toEqual(elsewhere)
  })

  it('do not replace what the design was checked to have already', () => {
    const design = structuredClone((designs[0] as { design: Design }).design)
    const first = validateDesign(design)
    primeValidation(design, [])
    expect(validateDesign(design)).toEqual(first)
  })
})
