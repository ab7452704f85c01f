import { parseIpAddress, type IpAddress } from '../net'

export type PeerAddressResult = { readonly ok: true; readonly address: IpAddress; readonly port?: number } | { readonly ok: false; readonly message: string }

const PORTED_V4 = /^([^:]+):(\d*)$/
const PORTED_V6 = /^\[([^\]]+)\]:(\d*)$/

function withPort(text: string, host: string, portText: string): PeerAddressResult {
  const address = parseIpAddress(host)
  if (!address.ok) return { ok: false, message: address.message }
  const port = Number(portText)
  if (portText === '' || !/^\d+$/.test(portText) || port < 1 || port > 65535) return { ok: false, message: `${text}: port must be between 1 and 65535` }
  return { ok: true, address: address.value, port }
}

/**
 * Reads a BGPPeer's `peerIP`: `a.b.c.d`, `a.b.c.d:port`, a bare IPv6 address or `[v6]:port`
 * (calico.md §4.3; `…:0`, `…:65536` and a trailing `:` are rejected as Calico does).
 */
export function parsePeerAddress(text: string): PeerAddressResult {
  const v6 = PORTED_V6.exec(text)
  if (v6) return withPort(text, v6[1] ?? '', v6[2] ?? '')
  const v4 = PORTED_V4.exec(text)
  if (v4) return withPort(text, v4[1] ?? '', v4[2] ?? '')
  const bare = parseIpAddress(text)
  return bare.ok ? { ok: true, address: bare.value } : { ok: false, message: bare.message }
}
