#!/usr/bin/env node
// `peerlab` on the PATH (npm link): runs the TypeScript CLI through tsx, as `npm run peerlab` does.
import { register } from 'tsx/esm/api'

register()
const { runCli } = await import('../main.ts')
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
})
