import { readFileSync } from 'node:fs'
import * as prettier from 'prettier'
import { describe, expect, it } from 'vitest'

/** The layout is Prettier's, and `npm run lint` (which CI runs) is what enforces it. */
describe('formatting is enforced by lint', () => {
  it('npm run lint checks the layout before eslint', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts
    expect(scripts.lint).toMatch(/^prettier --check\b.* \. && eslint /)
  })

  it.each([
    ['shared/net/fixture.ts', 'export const a = 1;\n'],
    ['shared/net/fixture.ts', 'export const b = "double quotes"\n'],
    ['renderer/src/components/Fixture.vue', '<template>\n<div   class="x">text</div>\n</template>\n'],
  ])('a file laid out otherwise fails the check (%s: %j)', async (filepath, text) => {
    const options = await prettier.resolveConfig(filepath)
    expect(options).not.toBeNull()
    expect(await prettier.check(text, { ...options, filepath })).toBe(false)
  })

  it('the repository layout passes the same check', async () => {
    const filepath = 'shared/net/fixture.ts'
    const options = await prettier.resolveConfig(filepath)
    expect(await prettier.check("export const a = 'single quotes, no semicolon'\n", { ...options, filepath })).toBe(true)
  })
})
