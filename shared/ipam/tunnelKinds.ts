import type { IpFamily } from '../net'

/**
 * The tunnel addresses calico-node allocates for its node, by IPAM attribute `type`
 * (libcalico-go lib/backend/model/block.go @ v3.30.0), in the order allocateip.go handles them.
 * WireGuard's are left out: Peerlab models no WireGuard.
 */
export const TUNNEL_KINDS = ['ipipTunnelAddress', 'vxlanTunnelAddress', 'vxlanV6TunnelAddress'] as const

export type TunnelKind = (typeof TUNNEL_KINDS)[number]

/** The device that carries each address on the node (calico.md §2.4 table; felix dataplanedefs). */
export const TUNNEL_DEVICE = { ipipTunnelAddress: 'tunl0', vxlanTunnelAddress: 'vxlan.calico', vxlanV6TunnelAddress: 'vxlan-v6.calico' } as const satisfies Record<TunnelKind, string>

export type TunnelDevice = (typeof TUNNEL_DEVICE)[TunnelKind]

/** The pool family each kind comes from: IPIP and VXLAN from IPv4 pools, VXLAN-v6 from IPv6 ones. */
export const TUNNEL_FAMILY = { ipipTunnelAddress: 4, vxlanTunnelAddress: 4, vxlanV6TunnelAddress: 6 } as const satisfies Record<TunnelKind, IpFamily>

/** How people name each address in the UI. */
export const TUNNEL_LABEL = { ipipTunnelAddress: 'IPIP tunnel', vxlanTunnelAddress: 'VXLAN tunnel', vxlanV6TunnelAddress: 'VXLAN-v6 tunnel' } as const satisfies Record<TunnelKind, string>

/** The tunnel kind whose address a device carries. */
export function tunnelKindOfDevice(dev: string | undefined): TunnelKind | undefined {
  for (const kind of TUNNEL_KINDS) if (TUNNEL_DEVICE[kind] === dev) return kind
  return undefined
}
