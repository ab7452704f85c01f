import { entityId } from '../../model/design'
import { resourcesOf } from '../../model/query'
import type { ValidationContext } from '../context'

/** IPAMConfiguration rules Calico enforces (calico.md §7), with its wording. */
export function checkIpamConfiguration(context: ValidationContext): void {
  for (const config of resourcesOf(context.design, 'projectcalico.org/v3/IPAMConfiguration')) {
    const id = entityId(config)
    const { strictAffinity = false, autoAllocateBlocks = true, maxBlocksPerHost = 0 } = config.spec ?? {}
    if (config.metadata.name !== 'default') {
      context.report({ code: 'ipam.config-name', message: `IPAMConfiguration must be named "default", got "${config.metadata.name}": Calico reads no other`, subject: id, path: ['metadata', 'name'] })
    }
    if (!strictAffinity && !autoAllocateBlocks) {
      context.report({ code: 'ipam.config-affinity', message: "Cannot disable 'StrictAffinity' and 'AutoAllocateBlocks' at the same time", subject: id, path: ['spec', 'autoAllocateBlocks'] })
    }
    if (maxBlocksPerHost < 0) context.report({ code: 'ipam.config-max-blocks', message: 'MaxBlocksPerHost must not be negative', subject: id, path: ['spec', 'maxBlocksPerHost'] })
    else if (maxBlocksPerHost > 0 && !strictAffinity) {
      context.report({ code: 'ipam.config-max-blocks', message: 'MaxBlocksPerHost requires StrictAffinity to be enabled', subject: id, path: ['spec', 'maxBlocksPerHost'] })
    }
  }
}
