import type { Design } from '../../shared/model/design'
import { hostsOf } from '../../shared/model/query'
import { podInterfaceName } from '../../shared/routing/sha1'
import type { NetworkState } from '../../shared/routing/network'
import type { NamespaceLab } from './netns'

/**
 * What calico-node and the CNI plugin set up on a Calico node besides BIRD, so that a real BIRD
 * sees the host the engine models (its kernel protocol learns alien routes, its direct protocol
 * every interface address): each running pod's host-side veth `cali…` with the pod's /32 route
 * (`scope link`, protocol boot, as Felix programs it, calico.md §6), and the IPIP or VXLAN tunnel
 * device with the node's tunnel address as a /32. The pod's end of each veth and the tunnel
 * devices are plain veths: nothing is sent through them, and they stay inside the node's namespace.
 */
export function setUpCalicoHosts(lab: NamespaceLab, design: Design, network: NetworkState, keys: ReadonlyMap<string, string>): void {
  for (const host of hostsOf(design)) {
    const key = keys.get(host.id)
    if (key === undefined || !network.speakers.some((s) => s.id === host.id && s.kind === 'calico')) continue
    let peers = 0
    const veth = (name: string): void => {
      const peer = `plpeer${peers++}`
      lab.inNamespace(key, ['ip', 'link', 'add', name, 'type', 'veth', 'peer', 'name', peer])
      lab.inNamespace(key, ['ip', 'link', 'set', peer, 'up'])
      lab.inNamespace(key, ['ip', 'link', 'set', name, 'up'])
    }
    for (const pod of network.ipam.pods.filter((p) => p.node === host.name && p.phase === 'Running')) {
      const addresses = pod.ips.filter((ip) => !ip.includes(':') && !host.interfaces.some((i) => i.address === ip))
      if (addresses.length === 0) continue
      const dev = podInterfaceName(pod.namespace, pod.name)
      veth(dev)
      for (const address of addresses) lab.inNamespace(key, ['ip', 'route', 'add', address, 'dev', dev, 'scope', 'link'])
    }
    for (const tunnel of network.ipam.tunnels.filter((t) => t.node === host.name && !t.address.includes(':'))) {
      const dev = tunnel.kind === 'ipipTunnelAddress' ? 'tunl0' : 'vxlan.calico'
      veth(dev)
      lab.inNamespace(key, ['ip', 'addr', 'add', `${tunnel.address}/32`, 'dev', dev])
    }
  }
}
