import type { Diagnostic } from '../../shared/diagnostics'
import { LabConsole } from '../../shared/console/labConsole'
import { birdConfigs } from '../../shared/export/birdConfig'
import { frrConfigs } from '../../shared/export/frrConfig'
import { loadDesign } from '../../shared/format/loadDesign'
import { calicoResources } from '../../shared/export/calicoResources'
import { kubernetesManifests } from '../../shared/export/kubernetesManifests'
import { nodeChanges } from '../../shared/export/nodeChanges'
import { saveDesign } from '../../shared/format/saveDesign'
import { hostsOf } from '../../shared/model/query'
import { computeNetwork } from '../../shared/routing/network'
import { locateDiagnostics, validateDesign } from '../../shared/validate/validateDesign'

/** The console commands every fuzz input runs, the ones a lab handout starts with. */
export const CONSOLE_COMMANDS = ['ip route', 'calicoctl node status', 'kubectl get pods -A', 'calicoctl ipam show --show-blocks', 'exit'] as const

/** Commands run against the first pod with an address, when there is one. */
export const TRAFFIC_COMMANDS = ['curl', 'ping -c 2', 'traceroute'] as const

/** What one input did to the pipeline. An exception propagates: the caller counts it. */
export interface PipelineOutcome {
  /** Diagnostics about something written in the file that still say nowhere where. */
  readonly unlocated: readonly Diagnostic[]
  /** True when saving the unchanged design gave back exactly the text it was loaded from. */
  readonly roundTrips: boolean
}

/**
 * Runs a text through every stage a user can reach from opening a file: load, checks, the network,
 * each host's routes, every export, the first console commands of a lab, and saving it unchanged.
 * `afterStage` runs between stages (the fuzz script samples the heap there).
 */
export function runPipeline(text: string, afterStage: () => void = () => undefined): PipelineOutcome {
  const loaded = loadDesign(text, { name: 'fuzz' })
  afterStage()
  const ids = new Set(loaded.design.entries.map((e) => e.id))
  const network = computeNetwork(loaded.design)
  afterStage()
  const semantic = locateDiagnostics([...validateDesign(loaded.design), ...network.diagnostics], loaded.sourceIndex)
  afterStage()
  for (const host of hostsOf(loaded.design)) network.routesOf(host.id)
  afterStage()
  kubernetesManifests(loaded.design)
  calicoResources(loaded.design)
  nodeChanges(loaded.design)
  birdConfigs(loaded.design, network)
  birdConfigs(loaded.design, network, 'stock')
  frrConfigs(loaded.design, network)
  afterStage()
  const console = new LabConsole(loaded.design)
  for (const command of CONSOLE_COMMANDS) console.run(command)
  // The same text as a manifest, as a handout's `kubectl apply -f - <<EOF` would give it.
  console.run('kubectl apply -f -', text)
  console.run('calicoctl apply -f -', text)
  // Traffic to a pod, through the routes and the pod's NetworkPolicies.
  const target = network.ipam.pods.find((p) => p.ips.length > 0)?.ips[0]
  if (target !== undefined) for (const command of TRAFFIC_COMMANDS) console.run(`${command} ${target}`)
  afterStage()
  const fromFile = (d: Diagnostic): boolean => d.subject !== undefined && ids.has(d.subject)
  const unlocated = [...loaded.diagnostics, ...semantic.filter(fromFile)].filter((d) => d.location?.line === undefined)
  const roundTrips = saveDesign(loaded.design, text) === text
  afterStage()
  return { unlocated, roundTrips }
}
