// `npm run audit:electron [-- --allow FILE] [SOURCE...]`: electronegativity over the desktop
// shell's sources (main, preload, and the page's CSP in renderer/index.html), failing on any
// finding that build/electronegativity-allow.txt does not explain, or on an explanation that no
// longer matches a finding.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { judge, parseAllowList, parseSarif } from './electronegativityReport.ts'

const root = resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const allowFlag = args.indexOf('--allow')
const allowFile = allowFlag >= 0 ? resolve(args[allowFlag + 1] ?? '') : join(root, 'build/electronegativity-allow.txt')
const sources = args.filter((_, i) => i !== allowFlag && i !== allowFlag + 1)
const inputs = sources.length > 0 ? sources.map((s) => resolve(s)) : [join(root, 'electron'), join(root, 'renderer/index.html')]

// The Electron the app is built with: the tool's own guess would be wrong without a package.json beside the sources.
const { devDependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
const electronVersion = devDependencies.electron ?? ''

// One folder of exactly what is audited, so the report names files by their place in the repository.
const scan = mkdtempSync(join(tmpdir(), 'peerlab-audit-'))
try {
  for (const input of inputs) cpSync(input, join(scan, input.startsWith(root) ? input.slice(root.length + 1) : (input.split('/').at(-1) ?? 'input')), { recursive: true })
  const report = join(scan, 'report.sarif')
  // AvailableSecurityFixesGlobalCheck asks GitHub for Electron releases, which CI may not reach; the version is pinned and reviewed on upgrade instead.
  const run = spawnSync(join(root, 'node_modules/.bin/electronegativity'), ['-i', scan, '-r', '-v', 'false', '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck', '-o', report], {
    encoding: 'utf8',
  })
  if (run.status !== 0 || !existsSync(report)) {
    console.error(`electronegativity did not produce a report (exit ${run.status}):\n${run.stdout}${run.stderr}`)
    process.exit(1)
  }
  // The sample a finding points at, from the copy audited: SARIF gives only where and how long.
  const sampleOf = (file: string, line: number, column: number, length: number): string => {
    const path = join(scan, file.replace(/^file:\/\/\/?/, ''))
    // Global checks name no file (`file:///`): nothing to quote.
    if (!existsSync(path) || !statSync(path).isFile()) return ''
    const text = readFileSync(path, 'utf8').split('\n')[line - 1] ?? ''
    return text.slice(column, column + Math.max(length, 1)).trim()
  }
  const verdict = judge(parseSarif(readFileSync(report, 'utf8'), sampleOf), parseAllowList(existsSync(allowFile) ? readFileSync(allowFile, 'utf8') : ''))
  for (const { finding, allowance } of verdict.allowed) console.log(`allowed  ${finding.check} ${finding.file}:${finding.location} (${finding.severity}): ${allowance.reason}`)
  for (const finding of verdict.unexplained)
    console.error(`FINDING  ${finding.check} ${finding.file}:${finding.location} (${finding.severity}, ${finding.confidence}): ${finding.description}\n         ${finding.sample}`)
  for (const allowance of verdict.stale) console.error(`STALE    ${allowFile}:${allowance.line}: ${allowance.check} ${allowance.file} matches no finding any more; remove it`)
  const ok = verdict.unexplained.length === 0 && verdict.stale.length === 0
  console.log(`electronegativity ${electronVersion}: ${verdict.allowed.length} allowed, ${verdict.unexplained.length} unexplained, ${verdict.stale.length} stale\n`)
  process.exitCode = ok ? 0 : 1
} finally {
  rmSync(scan, { recursive: true, force: true })
}
