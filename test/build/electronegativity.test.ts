import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { judge, parseAllowList, parseSarif } from '../../scripts/electronegativityReport'

const ROOT = resolve(import.meta.dirname, '../..')
/** A SARIF report as the tool writes it, with one result per [check, file, line, column]. */
const sarif = (...results: readonly [string, string, number, number][]): string =>
  JSON.stringify({
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Electronegativity' } },
        results: results.map(([ruleId, uri, startLine, startColumn]) => ({
          ruleId,
          level: 'warning',
          message: { text: `${ruleId} found` },
          locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine, startColumn, charLength: 7 } } }],
        })),
      },
    ],
  })

describe('reading an electronegativity report against the allow file', () => {
  it('reads the SARIF report: check, file, line and column counted from 0, and the sample from the source', () => {
    const [finding] = parseSarif(sarif(['PRELOAD_JS_CHECK', 'electron/main/window.ts', 76, 7]), (file, line, column, length) => `${file}@${line}:${column}+${length}`)
    expect(finding).toEqual({
      check: 'PRELOAD_JS_CHECK',
      severity: 'warning',
      confidence: '',
      file: 'electron/main/window.ts',
      location: '76:6',
      sample: 'electron/main/window.ts@76:6+7',
      description: 'PRELOAD_JS_CHECK found',
    })
    expect(() => parseSarif('issue, severity\n')).toThrow(/not an electronegativity report/)
    expect(() => parseSarif('{}')).toThrow(/no runs/)
  })

  it('needs a reason on every allowance', () => {
    expect(parseAllowList('# comment\n\nPRELOAD_JS_CHECK electron/main/window.ts one bundled preload\n')).toEqual([
      { check: 'PRELOAD_JS_CHECK', file: 'electron/main/window.ts', reason: 'one bundled preload', line: 3 },
    ])
    expect(() => parseAllowList('PRELOAD_JS_CHECK electron/main/window.ts\n')).toThrow(/line 1: expected "CHECK_ID path reason"/)
  })

  it('fails an unexplained finding and an explanation that matches nothing', () => {
    const findings = parseSarif(sarif(['A', 'x.ts', 1, 2], ['B', 'y.ts', 2, 3]))
    const verdict = judge(findings, parseAllowList('A x.ts reviewed\nC z.ts no longer there\n'))
    expect(verdict.allowed.map((a) => a.finding.check)).toEqual(['A'])
    expect(verdict.unexplained.map((f) => f.check)).toEqual(['B'])
    expect(verdict.stale.map((a) => a.check)).toEqual(['C'])
  })
})

describe('npm run audit:electron', () => {
  it('fails on a window without isolation or sandbox, and on a main without navigation limits or a permission handler', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'peerlab-audit-test-'))
    await writeFile(join(dir, 'main.ts'), "import { BrowserWindow } from 'electron'\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } })\n")
    await writeFile(join(dir, 'allow.txt'), '')
    const run = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/audit-electron.ts', '--allow', join(dir, 'allow.txt'), dir], { cwd: ROOT, encoding: 'utf8' })
    await rm(dir, { recursive: true, force: true })
    const output = `${run.stdout}${run.stderr}`
    expect(run.status, output).toBe(1)
    for (const check of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK'])
      expect(run.stderr, output).toContain(`FINDING  ${check}`)
    expect(run.stdout, output).toMatch(/0 allowed, \d+ unexplained, 0 stale/)
  }, 60_000)
})
