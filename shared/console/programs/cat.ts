import { routerBirdConfig } from '../../export/birdConfig'
import { fail, type Program, type ProgramContext } from '../program'

/** Files a host has because of what it is: its name, and a BIRD router's configuration (root:bird 0640). */
function systemFile(context: ProgramContext, path: string): { readonly text: string; readonly rootOnly: boolean } | undefined {
  if (path === '/etc/hostname') return { text: `${context.host.name}\n`, rootOnly: false }
  if (path === '/etc/bird/bird.conf' || path === '/etc/bird.conf') {
    const speaker = context.network.speakers.find((s) => s.id === context.host.id)
    if (speaker?.kind === 'router' && (context.host.daemon === undefined || context.host.daemon === 'bird')) return { text: routerBirdConfig(context.design, context.network, speaker), rootOnly: true }
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
