import { birdConfigs } from '../../shared/export/birdConfig'
import { frrConfigs } from '../../shared/export/frrConfig'
import { hostsOf } from '../../shared/model/query'
import { computeNetwork } from '../../shared/routing/network'
import { exportManifests } from '../../shared/format/manifests'
import { saveDesign } from '../../shared/format/saveDesign'
import { checkedDesign } from '../designErrors'
import { readDesignSource } from '../designSource'
import { parseArgs } from '../args'
import { emit, EXIT, UsageError, withDesignErrors, type CliIo } from '../io'

export const EXPORT_USAGE = `Usage: peerlab export DESIGN [--format manifests|bird|frr|design] [--host HOST] [-o FILE]

  manifests  (default) the Kubernetes and Calico resources, ready for kubectl apply -f /
             calicoctl apply -f, in the order they can be applied; Peerlab's own kinds are left out
  bird       the BIRD configuration of every BGP speaker (or of --host, by name or alias):
             calico-node's bird.cfg on Calico nodes, bird.conf on outside routers
  frr        /etc/frr/frr.conf of every outside router whose daemon is frr (or of --host)
  design     the whole bundle, as Peerlab saves it
Writes to FILE (atomically: a failed write leaves the old FILE as it was), or to standard output.
Exits 1 if a resource had to be left out or the design has errors (listed on stderr; it is
exported all the same), 2 when DESIGN cannot be read or is not a design, or FILE cannot be written.
`

export async function exportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, ['--format', '-o', '--host'], [])
  if (positional.length !== 1) throw new UsageError('expected exactly one DESIGN')
  const format = options.get('--format') ?? 'manifests'
  if (format !== 'manifests' && format !== 'design' && format !== 'bird' && format !== 'frr') throw new UsageError(`--format must be manifests, bird, frr or design, got ${String(format)}`)
  const source = await readDesignSource(positional[0] as string, io.stdin)
  const { design, errors } = checkedDesign('export', source, io)
  if (format === 'bird' || format === 'frr') {
    const host = options.get('--host')
    const network = computeNetwork(design)
    const files = (format === 'bird' ? birdConfigs(design, network) : frrConfigs(design, network)).filter((f) => {
      const h = hostsOf(design).find((x) => x.id === f.host)
      return typeof host !== 'string' || h?.name === host || h?.alias === host
    })
    const daemon = format === 'bird' ? 'BGP speaker running BIRD' : 'router running FRR'
    if (files.length === 0) throw new UsageError(typeof host === 'string' ? `no ${daemon} named ${host}` : `the design has no ${daemon}`)
    const text = files.length === 1 ? (files[0]?.text ?? '') : files.map((f) => `# ==> ${f.host}: ${f.path}\n${f.text}`).join('\n')
    await emit(io, text, options.get('-o'))
    return withDesignErrors(EXIT.ok, errors)
  }
  if (format === 'design') {
    await emit(io, saveDesign(design, source.text), options.get('-o'))
    return withDesignErrors(EXIT.ok, errors)
  }
  const { text, skipped } = exportManifests(design)
  await emit(io, text, options.get('-o'))
  for (const { id, reason } of skipped) io.stderr(`peerlab export: left out ${id}: ${reason}\n`)
  return withDesignErrors(skipped.length > 0 ? EXIT.designErrors : EXIT.ok, errors)
}
