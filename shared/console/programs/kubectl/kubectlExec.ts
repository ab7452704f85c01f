import { hostsOf } from '../../../model/query'
import { sha1Hex } from '../../../routing/sha1'
import { combine, fail, type ProgramContext, type ProgramResult } from '../../program'
import { birdcl, birdcl6 } from '../bird/birdcl'
import { objectsOf } from './clusterObjects'
import { podContainers } from './podContainers'
import { resolveResourceType } from './resourceTypes'

/**
 * `kubectl exec [-n NS] [-i] [-t] [-q] [-c CONTAINER] POD -- COMMAND...`, as
 * k8s.io/kubectl/pkg/cmd/exec/exec.go Complete, Validate and Run take it: flags anywhere before
 * `--`, the pod first, the command after `--` (without one, the rest, with the deprecation
 * warning). In calico-node's container it runs birdcl against that node's BIRD.
 */

interface ExecArgs {
  readonly namespace: string | undefined
  readonly container: string | undefined
  readonly quiet: boolean
  readonly positional: readonly string[]
  /** Where `--` stood among the positional arguments (cobra's ArgsLenAtDash), or -1. */
  readonly atDash: number
}

const BOOLEAN_SHORT = new Set(['i', 't', 'q'])

/** pflag's parse of exec's flags: `-n NS`, `-nNS`, `--namespace=NS`, `-c`, and `-i`, `-t`, `-q` alone or together (`-it`). */
function parseExecArgs(args: readonly string[]): ExecArgs | { readonly error: string } {
  let namespace: string | undefined
  let container: string | undefined
  let quiet = false
  const positional: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg === '--') return { namespace, container, quiet, positional: [...positional, ...args.slice(i + 1)], atDash: positional.length }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg)
      continue
    }
    const long = /^--([^=]+)(?:=(.*))?$/.exec(arg)
    if (long) {
      const [, name, attached] = long
      if (name === 'stdin' || name === 'tty' || name === 'quiet') {
        if (name === 'quiet') quiet = true
        continue
      }
      if (name !== 'namespace' && name !== 'container') return { error: `error: unknown flag: --${name}\nSee 'kubectl exec --help' for usage.\n` }
      const value = attached ?? args[++i]
      if (value === undefined) return { error: `error: flag needs an argument: --${name}\nSee 'kubectl exec --help' for usage.\n` }
      if (name === 'namespace') namespace = value
      else container = value
      continue
    }
    // Short flags: booleans may be grouped; -n and -c take the rest of the word or the next one.
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j] as string
      if (BOOLEAN_SHORT.has(letter)) {
        if (letter === 'q') quiet = true
        continue
      }
      if (letter !== 'n' && letter !== 'c') return { error: `error: unknown shorthand flag: '${letter}' in ${arg}\nSee 'kubectl exec --help' for usage.\n` }
      const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i]
      if (value === undefined) return { error: `error: flag needs an argument: '${letter}' in -${letter}\nSee 'kubectl exec --help' for usage.\n` }
      if (letter === 'n') namespace = value
      else container = value
      break
    }
  }
  return { namespace, container, quiet, positional, atDash: -1 }
}

/** containerd's refusal of a binary the image does not have, as kubectl reports it (the exec ID is stable here, random there). */
function notFoundInImage(pod: string, command: string): ProgramResult {
  const id = (sha1Hex(`${pod} ${command}`) + sha1Hex(`${command} ${pod}`)).slice(0, 64)
  return fail(
    `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${command}": executable file not found in $PATH: unknown\n`,
  )
}

export function kubectlExec(context: ProgramContext, args: readonly string[]): ProgramResult {
  const parsed = parseExecArgs(args)
  if ('error' in parsed) return fail(parsed.error)
  const { positional, atDash } = parsed
  let warning = ''
  let command: readonly string[] = []
  if (atDash > -1) command = positional.slice(atDash)
  else if (positional.length > 1) {
    if (!parsed.quiet) warning = 'kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n'
    command = positional.slice(1)
  }
  const target = atDash !== 0 ? positional[0] : undefined
  if (target === undefined) return fail(`${warning}error: pod, type/name or --filename must be specified\n`)
  if (command.length === 0) return fail(`${warning}error: you must specify at least one command for the container\n`)
  const slash = target.indexOf('/')
  if (slash > 0 && resolveResourceType(target.slice(0, slash))?.kind !== 'Pod')
    return fail(`${warning}error: cannot attach to ${target.slice(0, slash)}: Peerlab's console runs kubectl exec on pods only.\n`)
  const name = slash > 0 ? target.slice(slash + 1) : target
  const namespace = parsed.namespace ?? 'default'
  const podType = resolveResourceType('pods')
  const object = podType ? objectsOf(context, podType, namespace).find((o) => o.name === name) : undefined
  const pod = object?.pod
  if (!pod) return fail(`${warning}Error from server (NotFound): pods "${name}" not found\n`)
  const { containers, initContainers } = podContainers(context.design, pod)
  let container = parsed.container
  let stderr = warning
  if (container === undefined) {
    container = containers[0] ?? ''
    // podcmd.FindOrDefaultContainerByName: named when there is more than one container to choose from.
    if (!parsed.quiet && (containers.length > 1 || initContainers.length > 0))
      stderr += `Defaulted container "${container}" out of: ${[...containers, ...initContainers.map((c) => `${c} (init)`)].join(', ')}\n`
  } else if (!containers.includes(container) && !initContainers.includes(container)) {
    return fail(`${stderr}Error from server (BadRequest): container ${container} is not valid for pod ${name}\n`)
  }
  // The API server refuses a pod no node runs yet; the kubelet one whose container has not started.
  if (pod.node === undefined) return fail(`${stderr}Error from server (BadRequest): pod ${name} does not have a host assigned\n`)
  if (pod.phase !== 'Running' || !containers.includes(container)) return fail(`${stderr}error: unable to upgrade connection: container not found ("${container}")\n`)
  const [program, ...rest] = command as [string, ...string[]]
  const binary = program.replace(/^.*\//, '')
  const prefix = { stdout: '', stderr, exitCode: 0 }
  if (container !== 'calico-node') {
    if (binary === 'birdcl' || binary === 'birdcl6') return combine([prefix, notFoundInImage(name, program)])
    return combine([prefix, fail(`Peerlab's console does not simulate ${binary} inside ${container}: kubectl exec runs birdcl in calico-node only.\n`)])
  }
  const node = hostsOf(context.design).find((h) => h.name === pod.node)
  if (binary === 'birdcl' && node) return combine([prefix, birdcl(context, node, rest)])
  if (binary === 'birdcl6') return combine([prefix, birdcl6()])
  return combine([prefix, fail(`Peerlab's console does not simulate ${binary} inside calico-node: it runs birdcl there (birdcl show protocols, show route, show status).\n`)])
}
