import type { Diagnostic } from '../diagnostics'
import { saveDesign } from '../format/saveDesign'
import type { Design } from '../model/design'
import { displayName, hostsOf } from '../model/query'
import type { NetworkState } from '../routing/network'
import { birdConfigs, type BirdConfigFile } from './birdConfig'
import { calicoResources } from './calicoResources'
import { diagramScene } from './diagramScene'
import { drawioDiagram } from './drawioDiagram'
import { frrConfigs } from './frrConfig'
import { kubernetesManifests, type LeftOut } from './kubernetesManifests'
import { mermaidDiagram } from './mermaidDiagram'
import { nodeChanges } from './nodeChanges'
import { svgPicture, type SvgOptions } from './svgPicture'

/** Every format Peerlab exports. `png` is drawn from the app's canvas; the others the engine writes. */
export const EXPORT_FORMATS = ['manifests', 'calicoctl', 'nodes', 'bird', 'frr', 'design', 'svg', 'png', 'mermaid', 'drawio'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export interface ExportFormatInfo {
  readonly format: ExportFormat
  /** What a menu or a list of formats calls it. */
  readonly title: string
  /** What the file is for, in a sentence. */
  readonly purpose: string
  /** Formats a real tool applies: a design with errors is refused unless forced. */
  readonly forATool: boolean
  readonly mediaType: string
}

export const FORMAT_INFO: Readonly<Record<ExportFormat, ExportFormatInfo>> = {
  manifests: { format: 'manifests', title: 'Kubernetes manifests', purpose: 'Namespaces and workloads for kubectl apply -f', forATool: true, mediaType: 'application/yaml' },
  calicoctl: { format: 'calicoctl', title: 'Calico resources', purpose: 'IP pools, BGP configuration, peers and filters for calicoctl apply -f', forATool: true, mediaType: 'application/yaml' },
  nodes: { format: 'nodes', title: 'Node changes', purpose: 'kubectl label/taint and calicoctl patch node commands for nodes that have joined', forATool: true, mediaType: 'text/x-shellscript' },
  bird: { format: 'bird', title: 'BIRD configs', purpose: 'bird.cfg of each Calico node, bird.conf of each BIRD router', forATool: true, mediaType: 'text/plain' },
  frr: { format: 'frr', title: 'FRR configs', purpose: 'frr.conf of each router whose daemon is FRR', forATool: true, mediaType: 'text/plain' },
  design: { format: 'design', title: 'Design bundle', purpose: 'the whole design as Peerlab saves it, to open again', forATool: false, mediaType: 'application/yaml' },
  svg: { format: 'svg', title: 'SVG picture', purpose: 'the diagram as a scalable picture', forATool: false, mediaType: 'image/svg+xml' },
  png: { format: 'png', title: 'PNG picture', purpose: 'the canvas as a bitmap', forATool: false, mediaType: 'image/png' },
  mermaid: { format: 'mermaid', title: 'Mermaid', purpose: 'a flowchart for Markdown (GitHub, GitLab, docs)', forATool: false, mediaType: 'text/plain' },
  drawio: { format: 'drawio', title: 'draw.io', purpose: 'a diagram to edit in draw.io (diagrams.net)', forATool: false, mediaType: 'application/xml' },
}

export interface ExportedFile {
  /** A file name, never a path: a folder export writes each under its name. */
  readonly name: string
  readonly text: string
  readonly mediaType: string
  /** Where the file goes on its host, for configs (`/etc/bird/bird.conf`). */
  readonly installPath?: string
}

export interface ExportRequest {
  readonly design: Design
  /** The design's diagnostics: its errors refuse a format for a tool unless `force`. */
  readonly diagnostics: readonly Diagnostic[]
  /** The text the design was loaded from, which the design bundle keeps (comments, order). */
  readonly sourceText: string
  /** Worked out only for the formats that need it (configs, pictures). */
  readonly network: () => NetworkState
  /** bird and frr: one host, by name or alias. */
  readonly host?: string
  readonly force?: boolean
  readonly svg?: SvgOptions
}

export type ExportOutcome =
  | { readonly status: 'exported'; readonly files: readonly ExportedFile[]; readonly notes: readonly string[] }
  /** The design has errors and the format is for a tool: nothing is exported unless forced. */
  | { readonly status: 'refused'; readonly errors: readonly Diagnostic[] }
  /** Nothing of this format in the design (no FRR router, no such host), or a format the engine does not draw. */
  | { readonly status: 'unavailable'; readonly message: string }

const fileSafe = (name: string): string => name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'design'

/** One line per reason, naming every resource left out for it. */
function leftOutNotes(leftOut: readonly LeftOut[]): string[] {
  const byReason = new Map<string, string[]>()
  for (const { id, reason } of leftOut) byReason.set(reason, [...(byReason.get(reason) ?? []), id])
  return [...byReason].map(([reason, ids]) => `left out ${ids.join(', ')}: ${reason}`)
}

function configFiles(request: ExportRequest, format: 'bird' | 'frr'): ExportOutcome {
  const network = request.network()
  const hosts = new Map(hostsOf(request.design).map((h) => [h.id, h]))
  const all: BirdConfigFile[] = format === 'bird' ? birdConfigs(request.design, network) : frrConfigs(request.design, network)
  const wanted = all.filter((f) => {
    const host = hosts.get(f.host)
    return request.host === undefined || host?.name === request.host || host?.alias === request.host
  })
  const daemon = format === 'bird' ? 'BGP speaker running BIRD' : 'router running FRR'
  if (wanted.length === 0) return { status: 'unavailable', message: request.host !== undefined ? `no ${daemon} named ${request.host}` : `the design has no ${daemon}` }
  const notes: string[] = []
  const files = wanted.map((f): ExportedFile => {
    const host = hosts.get(f.host)
    const who = host ? displayName(host) : f.host
    const name = `${fileSafe(who)}.${f.path.slice(f.path.lastIndexOf('/') + 1)}`
    notes.push(`${name} goes to ${f.path} on ${who}`)
    return { name, text: f.text, mediaType: 'text/plain', installPath: f.path }
  })
  return { status: 'exported', files, notes }
}

/**
 * One export of the design, as the CLI and the app's Export dialog make it. Formats for a tool
 * (manifests, Calico resources, node changes, BIRD and FRR configs) refuse a design with errors,
 * returning them, unless `force`: what a real tool would apply must not come from a design
 * Calico would refuse. The design bundle and the pictures are exported as they are.
 */
export function exportDesign(format: ExportFormat, request: ExportRequest): ExportOutcome {
  const { design } = request
  const errors = request.diagnostics.filter((d) => d.severity === 'error')
  if (FORMAT_INFO[format].forATool && errors.length > 0 && request.force !== true) return { status: 'refused', errors }
  const base = fileSafe(design.name)
  const one = (name: string, text: string, notes: readonly string[] = []): ExportOutcome => ({ status: 'exported', files: [{ name, text, mediaType: FORMAT_INFO[format].mediaType }], notes })
  switch (format) {
    case 'manifests': {
      const file = kubernetesManifests(design)
      return one(`${base}.kubernetes.yaml`, file.text, leftOutNotes(file.leftOut))
    }
    case 'calicoctl': {
      const file = calicoResources(design)
      const changes = nodeChanges(design).count
      const more = changes > 0 ? [`the design also changes nodes (${changes} command${changes === 1 ? '' : 's'}): they are in the node changes (peerlab export --format nodes)`] : []
      return one(`${base}.calico.yaml`, file.text, [...leftOutNotes(file.leftOut), ...more])
    }
    case 'nodes':
      return one(`${base}.nodes.sh`, nodeChanges(design).text)
    case 'bird':
    case 'frr':
      return configFiles(request, format)
    case 'design':
      return one(`${base}.yaml`, saveDesign(design, request.sourceText))
    case 'svg':
      return one(`${base}.svg`, svgPicture(diagramScene(design, request.network().sessions), request.svg))
    case 'mermaid':
      return one(`${base}.mmd`, mermaidDiagram(diagramScene(design, request.network().sessions)))
    case 'drawio':
      return one(`${base}.drawio`, drawioDiagram(diagramScene(design, request.network().sessions)))
    case 'png':
      return { status: 'unavailable', message: 'PNG is drawn from the app’s canvas (File › Export…); the engine writes SVG (--format svg)' }
  }
}

/** Several files as one text, for standard output or a preview: each after a `# ==> NAME` line. */
export function joinedText(files: readonly ExportedFile[]): string {
  if (files.length === 1) return files[0]?.text ?? ''
  return files.map((f) => `# ==> ${f.name}${f.installPath !== undefined ? `: ${f.installPath}` : ''}\n${f.text}`).join('\n')
}
