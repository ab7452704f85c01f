import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { judge, parseAllowList, parseCsv, parseFindings } from '../../scripts/electronegativityReport'

const ROOT = resolve(import.meta.dirname, '../..')
const HEADER = 'issue, severity, confidence, filename, location, sample, description, url\n'

describe('reading an electronegativity report against the allow file', () => {
  it('reads quoted CSV fields with commas, quotes and line breaks', () => {
    expect(parseCsv('a,"b, c","say ""hi""\nthere"\r\nd,e,f\n')).toEqual([
      ['a', 'b, c', 'say "hi"\nthere'],
      ['d', 'e', 'f'],
    ])
    const [finding] = parseFindings(`${HEADER}PRELOAD_JS_CHECK,"MEDIUM","FIRM","electron/main/window.ts","76:6","preload: join(a, 'b'),","Review the use of preload scripts",https://x\n`)
    expect(finding).toMatchObject({ check: 'PRELOAD_JS_CHECK', severity: 'MEDIUM', file: 'electron/main/window.ts', location: '76:6', sample: "preload: join(a, 'b')," })
    expect(() => parseFindings('what,is,this\n')).toThrow(/not an electronegativity report/)
  })

  it('needs a reason on every allowance', () => {
    expect(parseAllowList('# comment\n\nPRELOAD_JS_CHECK electron/main/window.ts one bundled preload\n')).toEqual([{ check: 'PRELOAD_JS_CHECK', file: 'electron/main/window.ts', reason: 'one bundled preload', line: 3 }])
    expect(() => parseAllowList('PRELOAD_JS_CHECK electron/main/window.ts\n')).toThrow(/line 1: expected "CHECK_ID path reason"/)
  })

  it('fails an unexplained finding and an explanation that matches nothing', () => {
    const findings = parseFindings(`${HEADER}A,"HIGH","FIRM","x.ts","1:1",s,d,u\nB,"LOW","FIRM","y.ts","2:2",s,d,u\n`)
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
    for (const check of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']) expect(run.stderr, output).toContain(`FINDING  ${check}`)
    expect(run.stdout, output).toMatch(/0 allowed, \d+ unexplained, 0 stale/)
  }, 60_000)
})
