import type { EncapsulationMode, IpPool } from '../../model/design'
import type { FieldReader } from '../fieldReader'
import { readCidr } from './addressFields'

const MODES: readonly EncapsulationMode[] = ['Always', 'CrossSubnet', 'Never']

/**
 * `projectcalico.org/v3 IPPool`, with the defaults Calico's client applies on every read
 * (reference: calico.md §1.1 — blockSize 26/122, modes Never, nodeSelector all()).
 */
export function readIpPool(reader: FieldReader, name: string): IpPool | undefined {
  const cidr = readCidr(reader, ['spec', 'cidr'], { required: true })
  const isIpv6 = cidr?.includes(':') ?? false
  const blockSize = reader.integer(['spec', 'blockSize'], { min: 0, max: 128 })
  const nodeSelector = reader.string(['spec', 'nodeSelector'])
  if (cidr === undefined) return undefined
  return {
    id: `ippool/${name}`,
    name,
    cidr,
    blockSize: blockSize === undefined || blockSize === 0 ? (isIpv6 ? 122 : 26) : blockSize,
    ipipMode: reader.oneOf(['spec', 'ipipMode'], MODES) ?? 'Never',
    vxlanMode: reader.oneOf(['spec', 'vxlanMode'], MODES) ?? 'Never',
    natOutgoing: reader.boolean(['spec', 'natOutgoing']) ?? false,
    disabled: reader.boolean(['spec', 'disabled']) ?? false,
    nodeSelector: nodeSelector === undefined || nodeSelector === '' ? 'all()' : nodeSelector,
  }
}
