import type { Design, EntityId } from './design'
import { displayName, hostsOf } from './query'

/** How a person names each kind of element, by the prefix of its id. */
const KIND_WORDS: Readonly<Record<string, string>> = {
  segment: 'segment',
  bgppeer: 'BGPPeer',
  bgpfilter: 'BGPFilter',
  ippool: 'IP pool',
  namespace: 'namespace',
  deployment: 'Deployment',
  caliconode: 'Calico Node',
  annotation: 'annotation',
}

/**
 * An element as messages and titles name it: a host by its alias (`worker2`), anything else by
 * kind and name (`segment lab-subnet`, `BGPPeer bgppeer-global-64512`), never by internal id.
 */
export function entityLabel(design: Design, id: EntityId): string {
  // The canvas's one element for the whole mesh (edit/drawPeering's MESH_ID).
  if (id.startsWith('mesh/')) return 'node-to-node mesh'
  const host = hostsOf(design).find((h) => h.id === id)
  if (host) return displayName(host)
  const slash = id.indexOf('/')
  if (slash < 0) return id
  const word = KIND_WORDS[id.slice(0, slash)]
  return word !== undefined ? `${word} ${id.slice(slash + 1)}` : id
}
