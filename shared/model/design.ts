/**
 * The design document: plain, readonly, JSON-serialisable data. Everything the app shows is
 * derived from it. Ids are stable strings of the form `<kind>/<name>`, so they survive reloads and
 * can be written into diagnostics and files.
 */
export type EntityId = string

export type IpFamilyName = 'IPv4' | 'IPv6'

/** What kubeadm is told when the cluster is created; these ranges cannot change afterwards. */
export interface Cluster {
  readonly name: string
  readonly podCidrs: readonly string[]
  readonly serviceCidrs: readonly string[]
  readonly ipFamilies: readonly IpFamilyName[]
  /** The host a lab's console starts on (the lab's bastion), by name. */
  readonly jumpHost?: string
}

/** An L2 segment (subnet) that hosts attach to. */
export interface Segment {
  readonly id: EntityId
  readonly name: string
  readonly cidr: string
  readonly gateway?: string
  /** Interface name hosts use on this segment unless they say otherwise (`ens5` in the lab). */
  readonly interfaceName: string
}

export interface HostInterface {
  readonly name: string
  readonly address: string
  /** The segment whose CIDR holds `address`; absent when no segment does. */
  readonly segmentId?: EntityId
}

export type HostRole = 'control-plane' | 'worker' | 'router'

/** A machine on the canvas: a Kubernetes node running Calico, or an outside router. */
export interface Host {
  readonly id: EntityId
  /** Kubernetes node name (`ip-10-0-1-31.eu-west-1.compute.internal`) or router name. */
  readonly name: string
  /** Short name people type (`worker2`). */
  readonly alias?: string
  readonly role: HostRole
  readonly interfaces: readonly HostInterface[]
  readonly labels: Readonly<Record<string, string>>
  readonly asNumber?: number
  /** Routing daemon of an outside router (`bird` for the lab's bastion). */
  readonly daemon?: string
}

export type EncapsulationMode = 'Always' | 'CrossSubnet' | 'Never'

/** A Calico IPPool (projectcalico.org/v3), with Calico's defaults applied. */
export interface IpPool {
  readonly id: EntityId
  readonly name: string
  readonly cidr: string
  readonly blockSize: number
  readonly ipipMode: EncapsulationMode
  readonly vxlanMode: EncapsulationMode
  readonly natOutgoing: boolean
  readonly disabled: boolean
  readonly nodeSelector: string
}

/** One YAML document of the bundle as it was read; unknown kinds are kept here and never dropped. */
export interface ManifestDocument {
  readonly index: number
  readonly apiVersion: string
  readonly kind: string
  readonly name: string
  readonly namespace?: string
  /** Whether the engine models this kind (false: kept and written back untouched). */
  readonly understood: boolean
}

export interface Design {
  readonly name: string
  readonly cluster: Cluster
  readonly segments: readonly Segment[]
  readonly hosts: readonly Host[]
  readonly ipPools: readonly IpPool[]
  readonly documents: readonly ManifestDocument[]
}

export function createEmptyDesign(name = 'untitled'): Design {
  return {
    name,
    cluster: { name, podCidrs: [], serviceCidrs: [], ipFamilies: ['IPv4'] },
    segments: [],
    hosts: [],
    ipPools: [],
    documents: [],
  }
}

/** The name a person uses for a host: its alias when it has one. */
export function displayName(host: Host): string {
  return host.alias ?? host.name
}
