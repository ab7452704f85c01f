import { entityId } from '../../model/design'
import { resourcesOf } from '../../model/query'
import { calicoAtLeast } from '../../model/calicoVersion'
import type { ValidationContext } from '../context'
import { decodeProblem } from './calicoValues'

/** Codes of the rules Calico's API refuses an IPAMConfiguration for. */
export const IPAM_CONFIGURATION_REFUSALS = ['ipam.config-name', 'ipam.config-max-blocks'] as const

/**
 * IPAMConfiguration rules, with Calico's wording. The resource's own (release-v3.30) are errors:
 * its name (the API server's `IPAM config resource name has to be default`,
 * apiserver/pkg/storage/calico/ipamconfig_storage.go) and `validateIPAMConfigSpec`. The stricter
 * rules of `calicoctl ipam configure` (`SetIPAMConfig` in libcalico-go/lib/ipam/ipam.go) are
 * warnings: the resource is accepted, and IPAM runs with it (calico.md §7). Before v3.32 the v3
 * resource has no autoAllocateBlocks (api/pkg/apis/projectcalico/v3/ipamconfig.go), which warns.
 */
export function checkIpamConfiguration(context: ValidationContext): void {
  for (const config of resourcesOf(context.design, 'projectcalico.org/v3/IPAMConfiguration')) {
    const id = entityId(config)
    const { strictAffinity = false, autoAllocateBlocks = true, maxBlocksPerHost = 0 } = config.spec ?? {}
    if (config.metadata.name !== 'default') {
      context.report({
        code: 'ipam.config-name',
        message: `IPAM config resource name has to be default, got "${config.metadata.name}": Calico reads no other`,
        subject: id,
        path: ['metadata', 'name'],
      })
    }
    checkIpamSpec(context, id, { strictAffinity, autoAllocateBlocks, maxBlocksPerHost }, calicoAtLeast(context.calicoVersion, 'v3.32'))
  }
}

const CONFIGURE_REFUSES = 'calicoctl ipam configure refuses it (SetIPAMConfig), but the resource is accepted'

function checkIpamSpec(context: ValidationContext, id: string, spec: { strictAffinity: boolean; autoAllocateBlocks: boolean; maxBlocksPerHost: number }, hasAutoAllocateBlocks: boolean): void {
  const { strictAffinity, autoAllocateBlocks, maxBlocksPerHost } = spec
  const at = (field: string): string[] => ['spec', field]
  if (!autoAllocateBlocks && !hasAutoAllocateBlocks) {
    context.report({
      code: 'ipam.config-auto-allocate-blocks',
      severity: 'warning',
      message:
        "Calico v3.30's projectcalico.org/v3 IPAMConfiguration has no autoAllocateBlocks (it has from v3.32): its API server stores true whatever the file says (apiserver/pkg/storage/calico/ipamconfig_storage.go), so a v3.30 cluster still gives nodes new blocks. Peerlab simulates false, as v3.32 does",
      subject: id,
      path: at('autoAllocateBlocks'),
    })
  }
  if (!strictAffinity && !autoAllocateBlocks) {
    context.report({
      code: 'ipam.config-affinity',
      severity: 'warning',
      message: `Cannot disable 'StrictAffinity' and 'AutoAllocateBlocks' at the same time: ${CONFIGURE_REFUSES}, and nodes then get no new block`,
      subject: id,
      path: at('autoAllocateBlocks'),
    })
  }
  // validateIPAMConfigSpec, and the int32 the v3 resource decodes it into.
  const decode = decodeProblem(maxBlocksPerHost, 'int32', 'IPAMConfigurationSpec', 'spec.maxBlocksPerHost')
  if (decode !== undefined) context.report({ code: 'ipam.config-max-blocks', message: decode, subject: id, path: at('maxBlocksPerHost') })
  else if (maxBlocksPerHost < 0) context.report({ code: 'ipam.config-max-blocks', message: 'must be greater than or equal to 0', subject: id, path: at('maxBlocksPerHost') })
  else if (maxBlocksPerHost > 0 && !strictAffinity) {
    context.report({
      code: 'ipam.config-max-blocks-strict-affinity',
      severity: 'warning',
      message: `MaxBlocksPerHost requires StrictAffinity to be enabled: ${CONFIGURE_REFUSES}, and IPAM applies the limit all the same: once a node's ${maxBlocksPerHost} blocks are full, it gets no address rather than borrowing one`,
      subject: id,
      path: at('maxBlocksPerHost'),
    })
  }
}
