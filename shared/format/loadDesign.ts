import type { Diagnostic } from '../diagnostics'
import { createEmptyDesign, type Cluster, type Design, type IpPool, type ManifestDocument, type Segment } from '../model/design'
import { CALICO_API_VERSION, PEERLAB_API_VERSION, PEERLAB_GROUP, isNewerThanKnown, splitApiVersion } from './apiVersions'
import { createFieldReader, type FieldReader } from './fieldReader'
import { readCluster } from './kinds/cluster'
import { attachInterfaces, readNode, readRouter, type PendingHost } from './kinds/hosts'
import { readIpPool } from './kinds/ipPool'
import { readSegment } from './kinds/segment'
import { parseBundle, type BundleDocument } from './yamlBundle'

export interface LoadResult {
  readonly design: Design
  /** Every problem found, in document order; loading never stops at the first. */
  readonly diagnostics: readonly Diagnostic[]
}

interface Collected {
  cluster?: Cluster
  segments: Segment[]
  hosts: PendingHost[]
  ipPools: IpPool[]
  documents: ManifestDocument[]
}

type KindReader = (reader: FieldReader, name: string, into: Collected) => void

/** The kinds the engine models, by `apiVersion` and `kind`. Everything else is kept untouched. */
const READERS: Readonly<Record<string, KindReader>> = {
  [`${PEERLAB_API_VERSION}/Cluster`]: (reader, name, into) => {
    if (into.cluster) reader.report('format.duplicate-cluster', [], 'a design has one Cluster document; this one repeats it')
    else into.cluster = readCluster(reader, name)
  },
  [`${PEERLAB_API_VERSION}/Segment`]: (reader, name, into) => pushIfDefined(into.segments, readSegment(reader, name)),
  [`${PEERLAB_API_VERSION}/Router`]: (reader, name, into) => into.hosts.push(readRouter(reader, name)),
  'v1/Node': (reader, name, into) => into.hosts.push(readNode(reader, name)),
  [`${CALICO_API_VERSION}/IPPool`]: (reader, name, into) => pushIfDefined(into.ipPools, readIpPool(reader, name)),
}

/**
 * Reads a design bundle: a multi-document YAML of Kubernetes, Calico and Peerlab resources.
 * Problems come back as diagnostics naming the document, line and field.
 */
export function loadDesign(text: string, options: { name?: string } = {}): LoadResult {
  const parsed = parseBundle(text)
  const diagnostics: Diagnostic[] = [...parsed.diagnostics]
  const into: Collected = { segments: [], hosts: [], ipPools: [], documents: [] }

  for (const document of parsed.documents) {
    if (document.value === undefined) continue
    readDocument(document, into, diagnostics)
  }

  const hosts = into.hosts.map((host) => attachInterfaces(host, into.segments, diagnostics))
  const empty = createEmptyDesign(options.name ?? into.cluster?.name)
  const design: Design = {
    name: options.name ?? into.cluster?.name ?? empty.name,
    cluster: into.cluster ?? empty.cluster,
    segments: into.segments,
    hosts,
    ipPools: [...into.ipPools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    documents: into.documents,
  }
  diagnostics.sort((a, b) => (a.location?.document ?? -1) - (b.location?.document ?? -1))
  return { design, diagnostics }
}

function readDocument(document: BundleDocument, into: Collected, diagnostics: Diagnostic[]): void {
  const header = createFieldReader(document, diagnostics)
  if (typeof document.value !== 'object' || document.value === null || Array.isArray(document.value)) {
    header.report('format.not-a-resource', [], 'a document must be a map with apiVersion, kind and metadata')
    return
  }
  const apiVersion = header.string(['apiVersion'], { required: true })
  const kind = header.string(['kind'], { required: true })
  const name = header.string(['metadata', 'name'], { required: true })
  if (apiVersion === undefined || kind === undefined || name === undefined) return
  const namespace = header.string(['metadata', 'namespace'])

  if (isNewerThanKnown(apiVersion)) {
    header.report(
      'format.api-version-too-new',
      ['apiVersion'],
      `${apiVersion} is newer than this version of Peerlab understands (it knows ${PEERLAB_API_VERSION}); open the file with a newer Peerlab`,
    )
    return
  }
  const read = READERS[`${apiVersion}/${kind}`]
  into.documents.push({ index: document.index, apiVersion, kind, name, understood: read !== undefined, ...(namespace !== undefined ? { namespace } : {}) })
  if (read) {
    read(createFieldReader(document, diagnostics, `${kind.toLowerCase()}/${name}`), name, into)
  } else if (splitApiVersion(apiVersion).group === PEERLAB_GROUP) {
    header.report('format.unknown-kind', ['kind'], `${PEERLAB_GROUP} has no kind "${kind}" (known: Cluster, Segment, Router)`)
  } else {
    diagnostics.push({
      code: 'format.unmodelled-kind',
      severity: 'info',
      message: `${kind} (${apiVersion}) "${name}" is not modelled by Peerlab; it is kept and written back unchanged`,
      location: document.locate(['kind']),
    })
  }
}

function pushIfDefined<T>(list: T[], item: T | undefined): void {
  if (item !== undefined) list.push(item)
}
