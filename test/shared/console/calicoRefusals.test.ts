import { describe, expect, it } from 'vitest'
import { labConsole, run } from './labConsoleHelpers'

const resource = (kind: string, name: string, spec: string): string => `apiVersion: projectcalico.org/v3\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${spec.replace(/^/gm, '  ')}\n`

describe("the console refuses what Calico's validator refuses, in its words", () => {
  it('calicoctl apply: a BGPFilter with an IPv6 CIDR in an IPv4 list (tag netv4)', () => {
    const filter = resource('BGPFilter', 'v4-only', "importV4:\n  - {action: Accept, matchOperator: In, cidr: 'fd00::/64'}")
    expect(run(labConsole(), `calicoctl apply -f - <<EOF\n${filter}EOF`)).toMatchObject({
      stderr:
        "Failed to apply 'BGPFilter' resource: [error with field BGPFilter.Spec.ImportV4[0].CIDR = 'fd00::/64' (failed to validate Field: CIDR because of Tag: netv4: fd00::/64 is an IPv6 network, not IPv4)]\n",
      exitCode: 1,
    })
  })

  it('kubectl apply: a BGPPeer with a gateway of the other family (validateReachableBy)', () => {
    const peer = resource('BGPPeer', 'tor', "peerIP: 10.0.1.1\nasNumber: 65001\nreachableBy: 'fd00::1'")
    expect(run(labConsole(), `kubectl apply -f - <<EOF\n${peer}EOF`).stderr).toBe(
      'The BGPPeer "tor" is invalid: BGPPeer.Spec.ReachableBy: Invalid value: "fd00::1": ReachableBy and PeerIP address family mismatched: fd00::1 is IPv6, the peer IPv4\n',
    )
  })

  it('calicoctl apply: a BGPConfiguration with the mesh off and its password set', () => {
    const config = resource('BGPConfiguration', 'default', 'nodeToNodeMeshEnabled: false\nnodeMeshPassword: {secretKeyRef: {name: bgp, key: mesh}}')
    expect(run(labConsole(), `calicoctl apply -f - <<EOF\n${config}EOF`).stderr).toMatch(
      /^Failed to apply 'BGPConfiguration' resource: \[error with field BGPConfiguration\.Spec\.NodeMeshPassword = '.*' \(spec\.NodeMeshPassword cannot be set if spec\.NodeToNodeMesh is disabled\)\]\n$/,
    )
  })

  it('kubectl apply takes an IPAMConfiguration that only calicoctl ipam configure refuses (maxBlocksPerHost without strictAffinity)', () => {
    const ipam = resource('IPAMConfiguration', 'default', 'strictAffinity: false\nmaxBlocksPerHost: 4')
    expect(run(labConsole(), `kubectl apply -f - <<EOF\n${ipam}EOF`)).toMatchObject({ stdout: 'ipamconfiguration.projectcalico.org/default created\n', exitCode: 0 })
  })
})
