import { describeAccepted, describeCases, replace, type Accepted, type Case } from './calicoCases'

/** A line of node-a's spec.bgp replaced. */
const nodeBgp = (from: string, to: string) => replace(`    ${from}\n`, `    ${to}\n`)

/** Calico Node BGP rules (NodeBGPSpec tags, validateNodeSpec). */
const CASES: Record<string, Case> = {
  'an IPv6 address as the node’s IPv4 address': {
    mirrors: 'tag cidrv4 on IPv4Address (ValidateCIDRv4)',
    code: 'bgp.node-address',
    change: nodeBgp('ipv4Address: 10.0.1.20/24', "ipv4Address: 'fd00:1::20/64'"),
    subject: 'caliconode/node-a',
    message: 'failed to validate Field: IPv4Address because of Tag: cidrv4: fd00:1::20/64 is IPv6, not IPv4',
    at: "ipv4Address: 'fd00:1::20/64'",
    field: 'spec.bgp.ipv4Address',
  },
  'an IPv4 address as the node’s IPv6 address': {
    mirrors: 'tag cidrv6 on IPv6Address (ValidateCIDRv6)',
    code: 'bgp.node-address',
    change: nodeBgp('ipv4Address: 10.0.1.20/24', 'ipv4Address: 10.0.1.20/24\n    ipv6Address: 10.0.1.20/24'),
    subject: 'caliconode/node-a',
    message: 'failed to validate Field: IPv6Address because of Tag: cidrv6: 10.0.1.20/24 is IPv4, not IPv6',
    at: 'ipv6Address: 10.0.1.20/24',
    field: 'spec.bgp.ipv6Address',
  },
  'a node address with a length past 32': {
    mirrors: 'tag cidrv4 (cnet.ParseCIDROrIP fails)',
    code: 'bgp.node-address',
    change: nodeBgp('ipv4Address: 10.0.1.20/24', 'ipv4Address: 10.0.1.20/42'),
    subject: 'caliconode/node-a',
    message: 'failed to validate Field: IPv4Address because of Tag: cidrv4: 10.0.1.20/42 is not a valid CIDR: the length must be a number from 0 to 32',
    at: 'ipv4Address: 10.0.1.20/42',
    field: 'spec.bgp.ipv4Address',
  },
  'a node address without a length': {
    mirrors: "cidrv4 accepts it; bgpnodeprocessor.go's network_v4 becomes a /32, which confd's CrossSubnet test (bird_ipam.cfg.template) compares next hops with",
    code: 'bgp.node-address-length',
    change: nodeBgp('ipv4Address: 10.0.1.20/24', 'ipv4Address: 10.0.1.20'),
    subject: 'caliconode/node-a',
    message: /^ipv4Address 10\.0\.1\.20 has no prefix length: Calico accepts it as 10\.0\.1\.20\/32/,
    at: 'ipv4Address: 10.0.1.20',
    field: 'spec.bgp.ipv4Address',
    severity: 'warning',
    calicoAccepts: true,
  },
  'an IPIP tunnel address with a length': {
    mirrors: 'tag ipv4 on IPv4IPIPTunnelAddr',
    code: 'bgp.node-address',
    change: nodeBgp('ipv4Address: 10.0.1.20/24', 'ipv4Address: 10.0.1.20/24\n    ipv4IPIPTunnelAddr: 10.48.0.1/32'),
    subject: 'caliconode/node-a',
    message: 'failed to validate Field: IPv4IPIPTunnelAddr because of Tag: ipv4: 10.48.0.1/32 is not a valid IP address: it has a /length, so it is a prefix',
    at: 'ipv4IPIPTunnelAddr: 10.48.0.1/32',
    field: 'spec.bgp.ipv4IPIPTunnelAddr',
  },
  'a route-reflector cluster ID that is not an IPv4 address': {
    mirrors: 'tag ipv4 on RouteReflectorClusterID',
    code: 'bgp.rr-cluster-id',
    change: nodeBgp('routeReflectorClusterID: 244.0.0.1', 'routeReflectorClusterID: rr-one'),
    subject: 'caliconode/node-a',
    message: 'failed to validate Field: RouteReflectorClusterID because of Tag: ipv4: "rr-one" is not an IPv4 address such as 244.0.0.1',
    at: 'routeReflectorClusterID: rr-one',
    field: 'spec.bgp.routeReflectorClusterID',
  },
  'an empty BGP spec': {
    mirrors: 'validateNodeSpec',
    code: 'bgp.empty-node-spec',
    change: replace('  bgp:\n    ipv4Address: 10.0.1.20/24\n    routeReflectorClusterID: 244.0.0.1\n', '  bgp: {}\n'),
    subject: 'caliconode/node-a',
    message: 'Spec.BGP should not be empty',
    at: 'bgp: {}',
    field: 'spec.bgp',
  },
}

const ACCEPTED: Record<string, Accepted> = {
  'a node address with host bits and an IPv6 one': {
    mirrors: 'tags cidrv4 and cidrv6 (host bits allowed)',
    change: nodeBgp('ipv4Address: 10.0.1.20/24', "ipv4Address: 10.0.1.20/24\n    ipv6Address: 'fd00:1::20/64'\n    ipv4IPIPTunnelAddr: 10.48.0.1"),
  },
}

describeCases(CASES)
describeAccepted(ACCEPTED)
