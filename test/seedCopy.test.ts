import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, it } from 'vitest'

const COPY = resolve(import.meta.dirname, 'fixtures/seed/calico-lab-2.2.md')
const ORIGINAL = resolve(import.meta.dirname, '../../shared/seeds/000_072053aa9a42589e.txt')

// The reference folder is beside the checkout on developer machines and CI, not in a bare clone.
it.runIf(existsSync(ORIGINAL))('is still a verbatim copy of the reference seed', () => {
  expect(readFileSync(COPY, 'utf8')).toBe(readFileSync(ORIGINAL, 'utf8'))
})
