import { describe, expect, it } from 'vitest'
import { labConsole, run } from './labConsoleHelpers'

/**
 * kubectl exec as k8s.io/kubectl/pkg/cmd/exec/exec.go words it, on the lab after its steps:
 * calico-node-6ttbb runs on 10.0.1.20, nginx-5fbcf678bf-62pmt in external-ns.
 */
const exec = (args: string): ReturnType<typeof run> => run(labConsole({ afterSteps: true }), `kubectl exec ${args}`)

const DEFAULTED = 'Defaulted container "calico-node" out of: calico-node, upgrade-ipam (init), install-cni (init), mount-bpffs (init)\n'

describe('kubectl exec', () => {
  it('runs birdcl in the calico-node pod a user copies from kubectl get pods, naming the container it defaulted to (podcmd.FindOrDefaultContainerByName)', () => {
    const names = run(labConsole({ afterSteps: true }), 'kubectl get pods -n kube-system -o wide').stdout
    expect(names).toMatch(/^calico-node-6ttbb +1\/1 +Running .* 10\.0\.1\.20 /m)
    expect(exec('-n kube-system calico-node-6ttbb -- birdcl show status')).toMatchObject({ stderr: DEFAULTED, exitCode: 0 })
    expect(exec('-n kube-system calico-node-6ttbb -- birdcl show status').stdout).toContain('Router ID is 10.0.1.20\n')
    // Naming the container, or -q, says nothing; -it and flags after the pod are kubectl's, as pflag reads them.
    expect(exec('-it -n kube-system calico-node-6ttbb -c calico-node -- birdcl show status')).toMatchObject({ stderr: '', exitCode: 0 })
    expect(exec('calico-node-6ttbb -q --namespace=kube-system -- birdcl show status')).toMatchObject({ stderr: '', exitCode: 0 })
    expect(exec('-n kube-system pod/calico-node-6ttbb -c calico-node -- birdcl show status').exitCode).toBe(0)
  })

  it('warns without `--` and runs the rest as the command; refuses a missing pod, command or container as kubectl and the API server do', () => {
    expect(exec('-n kube-system calico-node-6ttbb birdcl show status').stderr).toBe(
      `kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n${DEFAULTED}`,
    )
    expect(exec('calico-node-6ttbb -- birdcl show status')).toMatchObject({ stderr: 'Error from server (NotFound): pods "calico-node-6ttbb" not found\n', exitCode: 1 })
    expect(exec('-n nowhere calico-node-6ttbb -- birdcl show status').stderr).toBe('Error from server (NotFound): pods "calico-node-6ttbb" not found\n')
    expect(exec('-n kube-system calico-node-6ttbb')).toMatchObject({ stderr: 'error: you must specify at least one command for the container\n', exitCode: 1 })
    expect(exec('-n kube-system -- birdcl show status').stderr).toBe('error: pod, type/name or --filename must be specified\n')
    expect(exec('-n kube-system calico-node-6ttbb -c bird -- birdcl show status').stderr).toBe('Error from server (BadRequest): container bird is not valid for pod calico-node-6ttbb\n')
    expect(exec('-n kube-system -x calico-node-6ttbb -- birdcl').stderr).toBe("error: unknown shorthand flag: 'x' in -x\nSee 'kubectl exec --help' for usage.\n")
  })

  it("answers containerd's error for a binary the image lacks, and says what the console does not simulate", () => {
    const nginx = exec('-n external-ns nginx-5fbcf678bf-62pmt -- birdcl show protocols')
    expect(nginx.exitCode).toBe(1)
    expect(nginx.stderr).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "birdcl": executable file not found in \$PATH: unknown\n$/,
    )
    expect(exec('-n kube-system calico-node-6ttbb -c calico-node -- birdcl6 show protocols')).toMatchObject({
      stderr: "Peerlab's console simulates calico-node's IPv4 BIRD only (birdcl): the engine has no IPv6 BGP sessions, so bird6 (birdcl6) is not simulated.\n",
      exitCode: 1,
    })
    expect(exec('-n kube-system calico-node-6ttbb -c calico-node -- ip route').exitCode).toBe(1)
  })
})
