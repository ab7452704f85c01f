import { calico, describeAccepted, describeCases, replace, type Accepted, type Case } from './calicoCases'

/** IPAMConfiguration rules: the resource's own, then calicoctl ipam configure's (SetIPAMConfig). */
const CASES: Record<string, Case> = {
  'a negative block limit': {
    mirrors: 'validateIPAMConfigSpec',
    code: 'ipam.config-max-blocks',
    change: replace('autoAllocateBlocks: true', 'autoAllocateBlocks: true\n  maxBlocksPerHost: -1'),
    subject: 'ipamconfiguration/default',
    message: 'must be greater than or equal to 0',
    at: 'maxBlocksPerHost: -1',
    field: 'spec.maxBlocksPerHost',
  },
  'a block limit past an int32': {
    mirrors: "MaxBlocksPerHost is an int32 in projectcalico.org/v3: Go's encoding/json refuses it",
    code: 'ipam.config-max-blocks',
    change: replace('autoAllocateBlocks: true', 'autoAllocateBlocks: true\n  maxBlocksPerHost: 2147483648'),
    subject: 'ipamconfiguration/default',
    message: 'json: cannot unmarshal number 2147483648 into Go struct field IPAMConfigurationSpec.spec.maxBlocksPerHost of type int32',
    at: 'maxBlocksPerHost: 2147483648',
    field: 'spec.maxBlocksPerHost',
  },
  'an IPAMConfiguration not named default': {
    mirrors: 'the API server (apiserver/pkg/storage/calico/ipamconfig_storage.go)',
    code: 'ipam.config-name',
    change: calico('IPAMConfiguration', 'cluster', 'strictAffinity: true'),
    subject: 'ipamconfiguration/cluster',
    message: 'IPAM config resource name has to be default, got "cluster": Calico reads no other',
    at: 'name: cluster',
    field: 'metadata.name',
  },
  'a block limit without strict affinity': {
    mirrors: 'SetIPAMConfig (libcalico-go/lib/ipam/ipam.go): calicoctl ipam configure only',
    code: 'ipam.config-max-blocks-strict-affinity',
    change: replace('autoAllocateBlocks: true', 'autoAllocateBlocks: true\n  maxBlocksPerHost: 4'),
    subject: 'ipamconfiguration/default',
    message: /^MaxBlocksPerHost requires StrictAffinity to be enabled: calicoctl ipam configure refuses it \(SetIPAMConfig\), but the resource is accepted/,
    at: 'maxBlocksPerHost: 4',
    field: 'spec.maxBlocksPerHost',
    severity: 'warning',
    calicoAccepts: true,
  },
  'neither strict affinity nor new blocks': {
    mirrors: 'SetIPAMConfig (libcalico-go/lib/ipam/ipam.go): calicoctl ipam configure only',
    code: 'ipam.config-affinity',
    change: replace('autoAllocateBlocks: true', 'autoAllocateBlocks: false'),
    subject: 'ipamconfiguration/default',
    message: /^Cannot disable 'StrictAffinity' and 'AutoAllocateBlocks' at the same time: calicoctl ipam configure refuses it/,
    at: 'autoAllocateBlocks: false',
    field: 'spec.autoAllocateBlocks',
    severity: 'warning',
    calicoAccepts: true,
  },
  'autoAllocateBlocks turned off': {
    mirrors: 'IPAMConfigurationSpec (api/pkg/apis/projectcalico/v3/ipamconfig.go) has no such field before v3.32; ipamconfig_storage.go stores true',
    code: 'ipam.config-auto-allocate-blocks',
    change: replace('strictAffinity: false\n  autoAllocateBlocks: true', 'strictAffinity: true\n  autoAllocateBlocks: false'),
    subject: 'ipamconfiguration/default',
    message: /^Calico v3\.30's projectcalico\.org\/v3 IPAMConfiguration has no autoAllocateBlocks/,
    at: 'autoAllocateBlocks: false',
    field: 'spec.autoAllocateBlocks',
    severity: 'warning',
    calicoAccepts: true,
  },
}

const ACCEPTED: Record<string, Accepted> = {
  'a block limit with strict affinity': { mirrors: 'SetIPAMConfig', change: replace('strictAffinity: false', 'strictAffinity: true\n  maxBlocksPerHost: 4') },
}

describeCases(CASES)
describeAccepted(ACCEPTED)
