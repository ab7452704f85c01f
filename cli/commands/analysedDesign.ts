import type { Design } from '../../shared/model/design'
import { hostsOf, type Host } from '../../shared/model/query'
import { computeNetwork, type NetworkState } from '../../shared/routing/network'
import { checkedDesign } from '../designErrors'
import { readDesignSource, SourceError, type DesignSource } from '../designSource'
import { UsageError, type CliIo } from '../io'

/** A design read from the DESIGN argument, with the network the engine derives from it. */
export interface AnalysedDesign {
  readonly source: DesignSource
  readonly design: Design
  readonly network: NetworkState
  /** How many errors the design has (listed on stderr already): the command must not exit 0. */
  readonly errors: number
}

/** Reads and checks DESIGN as every command does: not a design is exit 2, a design with errors is listed on stderr. */
export async function analyseDesign(command: string, spec: string, io: CliIo): Promise<AnalysedDesign> {
  const source = await readDesignSource(spec, io.stdin)
  const { design, errors } = checkedDesign(command, source, io)
  return { source, design, network: computeNetwork(design), errors }
}

/**
 * The host a `--host` value names, as the console's `ssh` names it (alias, name, an interface
 * address, `user@` allowed), so that `routes --host X` means the same host with `--json` as without.
 */
export function selectHost({ source, design }: AnalysedDesign, name: string): Host {
  const target = name.includes('@') ? name.slice(name.indexOf('@') + 1) : name
  const found = hostsOf(design).find((h) => h.alias === target || h.name === target || h.interfaces.some((i) => i.address === target))
  if (!found) throw new SourceError(`${source.label}: no host "${name}" (use a name, an alias or an address)`)
  return found
}

/** The host `--host` names, or every host `applies` to without it. */
export function selectHosts(analysed: AnalysedDesign, host: string | true | undefined, applies: (host: Host) => boolean = () => true): Host[] {
  if (host === true) throw new UsageError('--host needs a value')
  return host === undefined ? hostsOf(analysed.design).filter(applies) : [selectHost(analysed, host)]
}
