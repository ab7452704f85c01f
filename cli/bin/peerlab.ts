#!/usr/bin/env node
// The `peerlab` command: the one place the CLI meets the real process. `npm run build` bundles it
// into out/cli/peerlab.mjs (package.json `bin`), so an installed package needs no TypeScript
// tooling; `npm run peerlab` runs this source through tsx.
import { runCli } from '../main'

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
})
