import type { Cluster, IpFamilyName } from '../../model/design'
import type { FieldReader } from '../fieldReader'
import { readCidrList } from './addressFields'

/** `peerlab.dev/v1alpha1 Cluster`: what kubeadm was given (pod and service CIDRs). */
export function readCluster(reader: FieldReader, name: string): Cluster {
  const families = reader.stringList(['spec', 'ipFamilies'])
  const ipFamilies: IpFamilyName[] = []
  families?.forEach((family, i) => {
    if (family === 'IPv4' || family === 'IPv6') ipFamilies.push(family)
    else reader.report('format.wrong-type', ['spec', 'ipFamilies', i], `spec.ipFamilies[${i}] must be IPv4 or IPv6, got "${family}"`)
  })
  const jumpHost = reader.string(['spec', 'jumpHost'])
  return {
    name,
    podCidrs: readCidrList(reader, ['spec', 'podCIDRs']),
    serviceCidrs: readCidrList(reader, ['spec', 'serviceCIDRs']),
    ipFamilies: ipFamilies.length > 0 ? ipFamilies : ['IPv4'],
    ...(jumpHost !== undefined ? { jumpHost } : {}),
  }
}
