/**
 * Public API of the Calico label selector library: the selector language of
 * projectcalico.org/v3 (`IPPool.spec.nodeSelector`, `BGPPeer.spec.nodeSelector`
 * and `peerSelector`, policy `selector`s), parsed and evaluated exactly as
 * Calico v3.30 does (libcalico-go/lib/selector). Import from here only.
 */
export type { Labels, Selector, SelectorParseResult } from './types'
export { parseSelector } from './parseSelector'
export { MAX_SELECTOR_DEPTH } from './parser'
