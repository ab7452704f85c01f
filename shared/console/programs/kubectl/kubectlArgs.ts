/** kubectl's flags that the console understands, parsed the way pflag does (`-n x`, `-nx`, `--namespace=x`). */
export interface KubectlArgs {
  readonly positional: readonly string[]
  readonly namespace: string | undefined
  readonly allNamespaces: boolean
  readonly output: string | undefined
  readonly files: readonly string[]
  readonly replicas: string | undefined
  readonly unknown: readonly string[]
}

const VALUED: Readonly<Record<string, string>> = {
  '-n': 'namespace',
  '--namespace': 'namespace',
  '-o': 'output',
  '--output': 'output',
  '-f': 'filename',
  '--filename': 'filename',
  '--replicas': 'replicas',
}

export function parseKubectlArgs(args: readonly string[]): KubectlArgs | { readonly error: string } {
  const positional: string[] = []
  const unknown: string[] = []
  const files: string[] = []
  let namespace: string | undefined
  let output: string | undefined
  let replicas: string | undefined
  let allNamespaces = false
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg === '-A' || arg === '--all-namespaces') {
      allNamespaces = true
      continue
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    let flag = eq > 0 ? arg.slice(0, eq) : arg
    let value: string | undefined = eq > 0 ? arg.slice(eq + 1) : undefined
    // Short flags may carry their value attached: -nkube-system, -owide.
    if (value === undefined && /^-[nof]./.test(arg)) {
      flag = arg.slice(0, 2)
      value = arg.slice(2)
    }
    const name = VALUED[flag]
    if (name === undefined) {
      unknown.push(arg)
      continue
    }
    if (value === undefined) {
      value = args[++i]
      if (value === undefined) return { error: `error: flag needs an argument: '${flag.replace(/^-+/, '')}' in ${flag}\n` }
    }
    if (name === 'namespace') namespace = value
    else if (name === 'output') output = value
    else if (name === 'filename') files.push(value)
    else replicas = value
  }
  return { positional, namespace, allNamespaces, output, files, replicas, unknown }
}
