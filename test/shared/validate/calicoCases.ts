import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CALICO_REFUSALS } from '../../../shared/validate/calicoRefusals'
import { checkBundle } from '../../../shared/validate/checkBundle'

/**
 * Calico's own field rules, one case per rule: a change to a design that passes every check, the
 * diagnostic it gives and the line it points at; and changes close to them that Calico accepts.
 * `mirrors` names what in Calico's source (release-v3.30, whose validator is v3.30.7's) the rule
 * comes from: a struct rule or field tag of libcalico-go/lib/validator/v3/validator.go, Go's
 * decoder, a CRD, or another file.
 */
export const BASE = readFileSync(resolve(import.meta.dirname, '../../fixtures/designs/full-v1alpha1.yaml'), 'utf8')

export function replace(from: string, to: string): (text: string) => string {
  return (text) => {
    if (!text.includes(from)) throw new Error(`fixture has no ${JSON.stringify(from)}`)
    return text.replace(from, to)
  }
}
export const indent = (text: string): string => text.replace(/^/gm, '  ')
/** A Calico resource added at the end of the design. */
export const calico =
  (kind: string, name: string, spec: string) =>
  (text: string): string =>
    `${text}---\napiVersion: projectcalico.org/v3\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${indent(spec)}\n`

export interface Case {
  readonly mirrors: string
  readonly code: string
  readonly change: (text: string) => string
  readonly subject: string
  /** The whole message, or a pattern for it. */
  readonly message: string | RegExp
  /** Text on the line the diagnostic must point at: its last occurrence in the changed design. */
  readonly at: string
  readonly field: string
  readonly severity?: 'error' | 'warning'
  /** Calico takes the resource: the problem shows later, or only in `calicoctl ipam configure`. */
  readonly calicoAccepts?: true
}

export interface Accepted {
  readonly mirrors: string
  readonly change: (text: string) => string
  /** Codes that may still show, unrelated to the rule. */
  readonly allow?: readonly string[]
}

/** Codes of Calico refusals the console's admission already listed before CALICO_REFUSALS. */
const LISTED_BEFORE = ['bgp.peer-node-and-selector', 'bgp.peer-selector-with-ip', 'bgp.invalid-selector', 'bgp.rr-cluster-id']

/** The line of the last occurrence of `at` in `text`, counted from 1. */
function lineOf(text: string, at: string): number {
  const index = text.lastIndexOf(at)
  if (index < 0) throw new Error(`the changed design has no ${JSON.stringify(at)}`)
  return text.slice(0, index).split('\n').length
}

export function describeCases(cases: Readonly<Record<string, Case>>): void {
  describe.each(Object.entries(cases))('%s', (_, testCase) => {
    it(`gives ${testCase.code}, as ${testCase.mirrors}`, () => {
      const text = testCase.change(BASE)
      const { diagnostics } = checkBundle(text)
      const found = diagnostics.filter((d) => d.code === testCase.code)
      expect(found, JSON.stringify(diagnostics, null, 1)).toHaveLength(1)
      const [diagnostic] = found
      expect(diagnostic?.subject).toBe(testCase.subject)
      expect(diagnostic?.severity).toBe(testCase.severity ?? 'error')
      if (typeof testCase.message === 'string') expect(diagnostic?.message).toBe(testCase.message)
      else expect(diagnostic?.message).toMatch(testCase.message)
      expect(diagnostic?.location?.line).toBe(lineOf(text, testCase.at))
      expect(diagnostic?.location?.field).toBe(testCase.field)
      // What Calico refuses, the console's calicoctl and kubectl refuse; what it accepts, they apply.
      if (!testCase.code.startsWith('format.')) expect(CALICO_REFUSALS.has(testCase.code) || LISTED_BEFORE.includes(testCase.code)).toBe(testCase.calicoAccepts !== true)
    })
  })
}

/** What Calico accepts: no error and no warning. */
export function describeAccepted(accepted: Readonly<Record<string, Accepted>>): void {
  describe('what Calico accepts', () => {
    it.each(Object.entries(accepted))('%s', (_, { change, allow = [] }) => {
      const problems = checkBundle(change(BASE)).diagnostics.filter((d) => d.severity !== 'info' && !allow.includes(d.code))
      expect(problems).toEqual([])
    })
  })
}
