import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, it } from 'vitest'
import { checkBundle } from '../../../shared/validate/checkBundle'

const TEXT = readFileSync(resolve(import.meta.dirname, '../../fixtures/designs/twenty-mistakes.yaml'), 'utf8')

/** The line of the comment `# N ...` in the fixture, where mistake N is. */
function lineOf(mistake: number): number {
  const index = TEXT.split('\n').findIndex((line) => line.includes(`# ${mistake} `))
  if (index < 0) throw new Error(`mistake ${mistake} is not marked in the fixture`)
  return index + 1
}

it('finds each of twenty mistakes once, on its line, and throws nothing', () => {
  const { diagnostics } = checkBundle(TEXT)
  const found = diagnostics.map((d) => [d.location?.line, d.code])
  expect(found).toEqual([
    [lineOf(1), 'plan.range-overlap'],
    [lineOf(2), 'address.gateway-outside-segment'],
    [lineOf(3), 'format.unknown-field'],
    [lineOf(4), 'address.duplicate'],
    [lineOf(5), 'ippool.cidr-not-masked'],
    [lineOf(6), 'ippool.block-size'],
    [lineOf(7), 'ippool.overlap'],
    [lineOf(8), 'plan.pool-outside-pod-cidr'],
    [lineOf(9), 'ippool.ipip-and-vxlan'],
    [lineOf(10), 'format.wrong-type'],
    [lineOf(11), 'name.invalid'],
    [lineOf(12), 'bgp.peer-ip-invalid'],
    [lineOf(13), 'bgp.filter-missing'],
    [lineOf(14), 'bgp.config-non-default-field'],
    [lineOf(15), 'ipam.config-max-blocks-strict-affinity'],
    [lineOf(16), 'workload.pool-annotation'],
    [lineOf(17), 'workload.unknown-namespace'],
    [lineOf(18), 'workload.unknown-node'],
    [lineOf(19), 'format.api-version-too-new'],
    [lineOf(20), 'format.yaml-syntax'],
  ])
  expect(new Set(diagnostics.map((d) => d.code)).size).toBe(20)
  expect(diagnostics.every((d) => d.location?.document !== undefined && d.message.length > 20)).toBe(true)
})
