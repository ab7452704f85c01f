import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomically } from '../../platform/node/writeFileAtomically'
import { EXPORT_FORMATS, exportDesign, FORMAT_INFO, joinedText, type ExportFormat } from '../../shared/export/designExport'
import { computeNetwork } from '../../shared/routing/network'
import { checkBundle } from '../../shared/validate/checkBundle'
import { checkedDesign, listErrors, plural } from '../designErrors'
import { readDesignSource } from '../designSource'
import { parseArgs } from '../args'
import { emit, EXIT, UsageError, type CliIo } from '../io'

export const EXPORT_USAGE = `Usage: peerlab export DESIGN [--format FORMAT] [--host HOST] [-o FILE | --out DIR] [--force]

Formats:
  manifests  (default) Kubernetes resources for kubectl apply -f: Namespaces, workloads and
             the other Kubernetes kinds, in Helm's install order. Not in it: Peerlab's kinds,
             Calico's (see calicoctl), Nodes (see nodes) and kube-system's workloads, which
             are the cluster's own; peerlab.dev/ annotations are removed
  calicoctl  Calico resources for calicoctl apply -f: only projectcalico.org/v3 kinds (IPPool,
             BGPConfiguration, BGPFilter, BGPPeer, ...), pools and filters before what uses them,
             without Calico Nodes, whose spec apply would replace
  nodes      a shell script of the node changes: kubectl label/taint node, and
             calicoctl patch node NAME --patch '{"spec":{...}}' for Calico node settings
  bird       the BIRD configuration of every BGP speaker (or of --host, by name or alias):
             calico-node's bird.cfg on Calico nodes, bird.conf on outside routers
  frr        /etc/frr/frr.conf of every outside router whose daemon is frr (or of --host)
  design     the whole bundle, as Peerlab saves it
  svg        a picture of the design as the canvas draws it
  mermaid    a Mermaid flowchart: segments as subgraphs, BGP sessions as links
  drawio     a draw.io (diagrams.net) file: segments as containers, hosts at their positions
  png        not here: the app draws PNG from its canvas (File > Export...); exits 2

Apply calicoctl's file first, then kubectl's, then run the node changes.

Options:
  -o FILE    write to FILE (atomically: a failed write leaves the old FILE as it was) instead of
             standard output; several configs go into it one after another
  --out DIR  write each file into DIR, created if needed: one config per host for bird and frr
             (HOST.bird.cfg, HOST.bird.conf, HOST.frr.conf), one file for the other formats
  --force    export a design with errors all the same

A design with errors is not exported as manifests, calicoctl, nodes, bird or frr: its errors are
listed on stderr and it exits 1, unless --force. The design, svg, mermaid and drawio formats are
written with the errors listed, and exit 1. With --force, exits 0 once written. Exits 2 when
DESIGN cannot be read or is not a design, a file cannot be written, HOST or the routers a format
needs are not in the design, or for png.
`

function formatOf(value: string | true | undefined): ExportFormat {
  const format = value ?? 'manifests'
  if (typeof format !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be ${EXPORT_FORMATS.join(', ')}; got ${String(format)}`)
  return format as ExportFormat
}

export async function exportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, ['--format', '-o', '--out', '--host'], ['--force'])
  if (positional.length !== 1) throw new UsageError('expected exactly one DESIGN')
  const format = formatOf(options.get('--format'))
  const out = options.get('--out')
  if (out !== undefined && options.has('-o')) throw new UsageError('-o FILE and --out DIR cannot go together')
  if (format === 'png') throw new UsageError('png is drawn by the app from its canvas (File > Export...); the command line writes the same picture as --format svg')
  const force = options.has('--force')
  const source = await readDesignSource(positional[0] as string, io.stdin)
  const { diagnostics } = checkBundle(source.text)
  const errors = diagnostics.filter((d) => d.severity === 'error')
  if (FORMAT_INFO[format].forATool && errors.length > 0 && !force) {
    // Text with nothing in it that could be read is not a design at all: checkedDesign says so, exit 2.
    checkedDesign('export', source, { ...io, stderr: () => undefined })
    io.stderr(`peerlab export: ${source.label} has ${plural(errors.length, 'error')}, so it is not exported as ${FORMAT_INFO[format].title} (--force exports it anyway):\n`)
    listErrors(io, source, errors)
    return EXIT.designErrors
  }
  const { design } = checkedDesign('export', source, io)
  const host = options.get('--host')
  const outcome = exportDesign(format, {
    design,
    diagnostics,
    sourceText: source.text,
    network: () => computeNetwork(design),
    force: true,
    ...(typeof host === 'string' ? { host } : {}),
  })
  if (outcome.status === 'unavailable') throw new UsageError(outcome.message)
  if (outcome.status === 'refused') return EXIT.designErrors
  if (typeof out === 'string') {
    await mkdir(out, { recursive: true })
    for (const file of outcome.files) await writeFileAtomically(join(out, file.name), file.text)
    for (const note of outcome.notes) io.stderr(`peerlab export: ${note}\n`)
  } else {
    await emit(io, joinedText(outcome.files), options.get('-o'))
    // Where each config goes is in its own header line when they are joined.
    if (format !== 'bird' && format !== 'frr') for (const note of outcome.notes) io.stderr(`peerlab export: ${note}\n`)
  }
  return errors.length > 0 && !force ? EXIT.designErrors : EXIT.ok
}
