import type { Segment } from '../../model/design'
import type { FieldReader } from '../fieldReader'
import { readAddress, readCidr } from './addressFields'

/** Linux's default name for the first NIC of the lab's cloud machines. */
const DEFAULT_INTERFACE = 'eth0'

/** `peerlab.dev/v1alpha1 Segment`: an L2 subnet with its gateway. */
export function readSegment(reader: FieldReader, name: string): Segment | undefined {
  const cidr = readCidr(reader, ['spec', 'cidr'], { required: true })
  const gateway = readAddress(reader, ['spec', 'gateway'])
  const interfaceName = reader.string(['spec', 'interface']) ?? DEFAULT_INTERFACE
  if (cidr === undefined) return undefined
  return { id: `segment/${name}`, name, cidr, interfaceName, ...(gateway !== undefined ? { gateway } : {}) }
}
