import { routerBirdConfig } from '../../export/birdConfig'
import { routerFrrConfig } from '../../export/frrConfig'
import { fail, type Program, type ProgramContext } from '../program'

/** Files a host has because of what it is: its name, and a router's BIRD (root:bird 0640) or FRR configuration. */
function systemFile(context: ProgramContext, path: string): { readonly text: string; readonly rootOnly: boolean } | undefined {
  if (path === '/etc/hostname') return { text: `${context.host.name}\n`, rootOnly: false }
  if (path === '/etc/bird/bird.conf' || path === '/etc/bird.conf') {
    const speaker = context.network.speakers.find((s) => s.id === context.host.id)
    if (speaker?.kind === 'router' && (context.host.daemon === undefined || context.host.daemon === 'bird')) return { text: routerBirdConfig(context.design, context.network, speaker), rootOnly: true }
  }
  if (path === '/etc/frr/frr.conf') {
    const speaker = context.network.speakers.find((s) => s.id === context.host.id)
    // Debian's frr package keeps it frr:frr 0640.
    if (speaker?.kind === 'router' && context.host.daemon === 'frr') return { text: routerFrrConfig(context.design, context.network, speaker), rootOnly: true }
  }
  return undefined
}

/** `cat FILE...` (or standard input): files written in the console, the CLI's files, and the host's own. */
export const cat: Program = (context, args, stdin) => {
  const files = args.filter((a) => a !== '-')
  if (files.length === 0) return { stdout: stdin, stderr: '', exitCode: 0 }
  let stdout = ''
  let stderr = ''
  for (const path of files) {
    const system = systemFile(context, path)
    if (system) {
      if (system.rootOnly && !context.sudo) stderr += `cat: ${path}: Permission denied\n`
      else stdout += system.text
      continue
    }
    const text = context.readFile(path)
    if (text === undefined) stderr += `cat: ${path}: No such file or directory\n`
    else stdout += text
  }
  return stderr === '' ? { stdout, stderr, exitCode: 0 } : fail(stderr, 1, stdout)
}
