import { describe, expect, it } from 'vitest'
import { entityId } from '../../../shared/model/design'
import { labConsole, run } from './labConsoleHelpers'

const POOL = (cidr: string, name = 'extra-pool'): string => `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: ${name}\nspec:\n  cidr: ${cidr}\n`

describe('kubectl apply', () => {
  it('creates, then reports unchanged, then configured, as kubectl does, and changes the design each time', () => {
    const console = labConsole()
    expect(run(console, `kubectl apply -f - <<EOF\n${POOL('10.48.3.0/24')}EOF`)).toMatchObject({ stdout: 'ippool.projectcalico.org/extra-pool created\n', exitCode: 0 })
    expect(console.design.entries.some((e) => e.id === 'ippool/extra-pool')).toBe(true)
    const before = console.design
    expect(run(console, `kubectl apply -f - <<EOF\n${POOL('10.48.3.0/24')}EOF`).stdout).toBe('ippool.projectcalico.org/extra-pool unchanged\n')
    expect(console.design).toBe(before)
    expect(run(console, `kubectl apply -f - <<EOF\n${POOL('10.48.4.0/24')}EOF`).stdout).toBe('ippool.projectcalico.org/extra-pool configured\n')
  })

  it('names core, apps and networking kinds the way kubectl does', () => {
    const console = labConsole()
    const out = run(
      console,
      'kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: site\n  namespace: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: site\n        image: nginx\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: site\n  namespace: web\nEOF',
    )
    expect(out.stdout).toBe('namespace/web created\ndeployment.apps/site created\nservice/site created\n')
  })

  it('is one undoable edit per command, reported with the design before and after', () => {
    const edits: string[] = []
    const console = labConsole({ onEdit: (command, before, after) => edits.push(`${command.type} ${before.entries.length}->${after.entries.length}`) })
    run(console, `kubectl apply -f - <<EOF\n${POOL('10.48.3.0/24')}---\n${POOL('10.48.4.0/24', 'other-pool')}EOF`)
    expect(edits).toEqual([`batch ${console.design.entries.length - 2}->${console.design.entries.length}`])
  })

  it('changes nothing when the YAML cannot be parsed, and says so as kubectl does', () => {
    const console = labConsole()
    const before = console.design
    const out = run(console, `kubectl apply -f - <<EOF\n${POOL('10.48.3.0/24')}---\nkind: [oops\nEOF`)
    expect(out.exitCode).toBe(1)
    expect(out.stderr).toMatch(/^error: error parsing STDIN: error converting YAML to JSON: yaml: line \d+: /)
    expect(console.design).toBe(before)
  })

  it('prints several errors of one apply as an aggregate, without "error: " on each', () => {
    const widget = (name: string): string => `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: ${name}\n`
    expect(run(labConsole(), `kubectl apply -f - <<EOF\n${widget('a')}---\n${widget('b')}EOF`).stderr).toBe(
      'resource mapping not found for name: "a" namespace: "" from "STDIN": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first\nresource mapping not found for name: "b" namespace: "" from "STDIN": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first\n',
    )
  })

  it('refuses an unknown kind with the mapping error and applies the valid documents beside it', () => {
    const console = labConsole()
    const out = run(console, `kubectl apply -f - <<EOF\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n---\n${POOL('10.48.3.0/24')}EOF`)
    expect(out.stderr).toBe('error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first\n')
    expect(out.stdout).toBe('ippool.projectcalico.org/extra-pool created\n')
    expect(out.exitCode).toBe(1)
  })

  it("refuses Peerlab's own kinds: a cluster has no such API", () => {
    expect(run(labConsole(), 'kubectl apply -f - <<EOF\napiVersion: peerlab.dev/v1alpha1\nkind: Router\nmetadata:\n  name: r\nspec: {}\nEOF').stderr).toContain(
      'no matches for kind "Router" in version "peerlab.dev/v1alpha1"',
    )
  })

  it('reports missing apiVersion and kind the way client-side validation does', () => {
    expect(run(labConsole(), 'kubectl apply -f - <<EOF\nmetadata:\n  name: x\nEOF').stderr).toBe(
      'error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n',
    )
  })

  it('refuses a namespaced object in a namespace that does not exist', () => {
    const console = labConsole()
    const out = run(console, 'kubectl apply -f - <<EOF\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: nowhere\nspec:\n  template:\n    spec: {}\nEOF')
    expect(out).toMatchObject({ stderr: 'Error from server (NotFound): error when creating "STDIN": namespaces "nowhere" not found\n', exitCode: 1 })
  })

  it('puts an object without a namespace into -n, and refuses one whose namespace contradicts -n', () => {
    const console = labConsole()
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec: {}\n'
    expect(run(console, `kubectl apply -n yaobank -f - <<EOF\n${deployment}EOF`).stdout).toBe('deployment.apps/web created\n')
    expect(console.design.entries.some((e) => e.id === 'deployment/yaobank/web')).toBe(true)
    expect(run(console, `kubectl apply -n default -f - <<EOF\n${deployment.replace('name: web', 'name: web\n  namespace: yaobank')}EOF`).stderr).toBe(
      'error: the namespace from the provided object "yaobank" does not match the namespace "default". You must pass \'--namespace=yaobank\' to perform this operation.\n',
    )
  })

  it("refuses what Calico's API server refuses (an overlapping pool, a CIDR with host bits) and keeps the design", () => {
    const console = labConsole()
    const before = console.design
    const overlap = run(console, `kubectl apply -f - <<EOF\n${POOL('10.48.0.0/25')}EOF`)
    expect(overlap.exitCode).toBe(1)
    // apimachinery's Invalid status as kubectl prints it: field, value, then the validator's reason.
    expect(overlap.stderr).toBe(
      'The IPPool "extra-pool" is invalid: IPPool.Spec.CIDR: Invalid value: "10.48.0.0/25": IPPool(extra-pool) CIDR overlaps with IPPool(default-ipv4-ippool) CIDR 10.48.0.0/24\n',
    )
    expect(run(console, `kubectl apply -f - <<EOF\n${POOL('10.48.3.1/24')}EOF`).stderr).toMatch(
      /^The IPPool "extra-pool" is invalid: IPPool\.Spec\.CIDR: Invalid value: "10\.48\.3\.1\/24": IPPool CIDR is not strictly masked/,
    )
    expect(console.design).toBe(before)
  })

  it('refuses fields of the wrong type as the API server does', () => {
    const out = run(labConsole(), 'kubectl apply -f - <<EOF\napiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: p\nspec:\n  cidr: 10.48.3.0/24\n  blockSize: big\nEOF')
    expect(out.stderr).toMatch(/^Error from server \(BadRequest\): error when creating "STDIN": IPPool in version "v3" cannot be handled as a IPPool: spec\.blockSize/)
  })

  it('reads -f FILE from a file written on the host, and from the files the caller gives', () => {
    const console = labConsole({ readFile: (path) => (path === 'given.yaml' ? POOL('10.48.5.0/24', 'given-pool') : undefined) })
    console.run(`cat > pool.yaml <<EOF\n${POOL('10.48.3.0/24')}EOF`)
    expect(run(console, 'kubectl apply -f pool.yaml').stdout).toBe('ippool.projectcalico.org/extra-pool created\n')
    expect(run(console, 'kubectl apply -f given.yaml').stdout).toBe('ippool.projectcalico.org/given-pool created\n')
    expect(run(console, 'kubectl apply -f missing.yaml').stderr).toBe('error: the path "missing.yaml" does not exist\n')
  })
})

describe('kubectl get', () => {
  it("lists kube-system's host-network pods a kubeadm cluster with Calico runs, at their node's address", () => {
    const names = run(labConsole(), 'kubectl get pods -n kube-system -o wide')
      .stdout.split('\n')
      .slice(1, -1)
      .map((l) => l.split(/\s+/))
    const generated = (name: string | undefined): string | undefined =>
      name?.startsWith('coredns-') ? 'coredns-*-*' : /^(calico-node|kube-proxy)-/.test(name ?? '') ? name?.replace(/-[a-z0-9]{5}$/, '-*') : name
    expect(names.map((cells) => generated(cells[0]))).toEqual([
      'calico-node-*',
      'calico-node-*',
      'calico-node-*',
      'coredns-*-*',
      'coredns-*-*',
      'etcd-ip-10-0-1-20.eu-west-1.compute.internal',
      'kube-apiserver-ip-10-0-1-20.eu-west-1.compute.internal',
      'kube-controller-manager-ip-10-0-1-20.eu-west-1.compute.internal',
      'kube-proxy-*',
      'kube-proxy-*',
      'kube-proxy-*',
      'kube-scheduler-ip-10-0-1-20.eu-west-1.compute.internal',
    ])
    expect(names.find((cells) => cells[0]?.startsWith('etcd-'))?.[5]).toBe('10.0.1.20')
  })

  it('lists pods of a namespace, of all namespaces, and says when there are none', () => {
    const console = labConsole()
    const pods = run(console, 'kubectl get pods -n yaobank')
    expect(pods.stdout.split('\n')[0]).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE$/)
    expect(pods.stdout.split('\n').filter((l) => l.startsWith('summary-'))).toHaveLength(2)
    expect(run(console, 'kubectl get pods -A').stdout.split('\n')[0]).toMatch(/^NAMESPACE +NAME +READY/)
    expect(run(console, 'kubectl get pods')).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 })
  })

  it('shows AGE from the lab clock: pods of the design are as old as the cluster', () => {
    const line = run(labConsole(), 'kubectl get pods -n yaobank').stdout.split('\n')[1] ?? ''
    // bootedAt 17:44:46, console start 20:33:30, one command later: 2h48m.
    expect(line.split(/\s{2,}/)[4]).toBe('168m')
  })

  it('lists nodes with roles and the version the design gives, and -o wide adds the internal IP', () => {
    const nodes = run(labConsole(), 'kubectl get nodes -o wide').stdout.split('\n')
    expect(nodes[0]).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION +INTERNAL-IP +EXTERNAL-IP +OS-IMAGE +KERNEL-VERSION +CONTAINER-RUNTIME$/)
    expect(nodes[1]?.split(/\s{2,}/).slice(0, 6)).toEqual(
      ['ip-10-0-1-20.eu-west-1.compute.internal', 'Ready', 'control-plane', '2d', 'v1.28.4', '10.0.1.20'].map((v, i) => (i === 3 ? expect.any(String) : v)),
    )
  })

  it("lists the built-in namespaces with the design's", () => {
    const names = run(labConsole(), 'kubectl get ns')
      .stdout.split('\n')
      .slice(1, -1)
      .map((l) => l.split(/\s+/)[0])
    expect(names).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'yaobank'])
  })

  it("prints Calico's resources with the API machinery's default columns", () => {
    const out = run(labConsole(), 'kubectl get ippools').stdout
    expect(out).toBe('NAME                  CREATED AT\ndefault-ipv4-ippool   2024-05-14T17:44:46Z\n')
  })

  it('prints one object as YAML with sorted keys and the server timestamp, and lists as a List', () => {
    const console = labConsole()
    const yaml = run(console, 'kubectl get ippool default-ipv4-ippool -o yaml').stdout
    expect(yaml).toMatch(
      /^apiVersion: projectcalico.org\/v3\nkind: IPPool\nmetadata:\n {2}creationTimestamp: "2024-05-14T17:44:46Z"\n {2}name: default-ipv4-ippool\n {2}resourceVersion: "\d+"\n {2}uid: [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}\nspec:\n/,
    )
    // Calico stores the pool with its defaults, so kubectl shows them as calicoctl does.
    expect(yaml).toContain('  allowedUses:\n  - Workload\n  - Tunnel\n  assignmentMode: Automatic\n')
    expect(run(console, 'kubectl get ippools -o yaml').stdout).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: projectcalico.org\/v3\n[\s\S]*kind: List\nmetadata:\n {2}resourceVersion: ""\n$/)
    expect(run(console, 'kubectl get ippools -o name').stdout).toBe('ippool.projectcalico.org/default-ipv4-ippool\n')
  })

  it('reports names and types it does not know', () => {
    const console = labConsole()
    expect(run(console, 'kubectl get pods nope -n yaobank')).toMatchObject({ stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 })
    expect(run(console, 'kubectl get widgets')).toMatchObject({ stderr: 'error: the server doesn\'t have a resource type "widgets"\n', exitCode: 1 })
  })

  it('shows deployments with their ready replicas', () => {
    expect(run(labConsole(), 'kubectl get deploy -n yaobank').stdout.split('\n')[3]).toMatch(/^summary +2\/2 +2 +2 +\d+m$/)
  })
})

describe('kubectl delete and scale', () => {
  it('deletes by type and name, and a namespace takes what is in it', () => {
    const console = labConsole()
    expect(run(console, 'kubectl delete deployment customer -n yaobank').stdout).toBe('deployment.apps "customer" deleted\n')
    expect(console.design.entries.some((e) => e.id === 'deployment/yaobank/customer')).toBe(false)
    expect(run(console, 'kubectl delete ns yaobank').stdout).toBe('namespace "yaobank" deleted\n')
    expect(console.design.entries.filter((e) => e.resource.metadata.namespace === 'yaobank')).toEqual([])
    expect(run(console, 'kubectl delete ippool nope')).toMatchObject({ stderr: 'Error from server (NotFound): ippools.projectcalico.org "nope" not found\n', exitCode: 1 })
  })

  it('deletes what a manifest names (kubectl delete -f -)', () => {
    const console = labConsole({ afterSteps: true })
    expect(run(console, 'kubectl delete -f - <<EOF\napiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata:\n  name: bgppeer-global-64512\nEOF').stdout).toBe(
      'bgppeer.projectcalico.org "bgppeer-global-64512" deleted\n',
    )
    expect(console.design.entries.some((e) => e.id === entityId({ apiVersion: 'projectcalico.org/v3', kind: 'BGPPeer', metadata: { name: 'bgppeer-global-64512' } }))).toBe(false)
  })

  it("replaces a Deployment's deleted pod with a new one: new name, next address, recorded on the Deployment", () => {
    const console = labConsole({ afterSteps: true })
    const [name, , , , , ip] = run(console, 'kubectl get pods -n external-ns -o wide').stdout.split('\n')[1]?.split(/\s+/) ?? []
    expect(ip).toBe('10.48.2.216')
    expect(run(console, `kubectl delete pod ${name} -n external-ns`)).toMatchObject({ stdout: `pod "${name}" deleted\n`, stderr: '', exitCode: 0 })
    const after = run(console, 'kubectl get pods -n external-ns -o wide').stdout.split('\n')[1]?.split(/\s+/) ?? []
    expect(after[0]).not.toBe(name)
    expect(after[4]).toBe('5s')
    expect(after[5]).toBe('10.48.2.217')
    const deployment = console.design.entries.find((e) => e.id === 'deployment/external-ns/nginx')?.resource
    expect(deployment?.metadata.annotations?.['peerlab.dev/deleted-pods']).toBe(name)
    // The block, and so bastion's route, stay.
    expect(run(console, 'ip route').stdout).toContain('10.48.2.216/29 via 10.0.1.31 dev ens5 proto bird')
  })

  it('removes a bare Pod, and leaves host-network system pods to what runs them', () => {
    const console = labConsole({ extra: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\n  namespace: yaobank\nspec:\n  containers:\n  - name: c\n    image: busybox\n' })
    expect(run(console, 'kubectl delete pod solo -n yaobank').stdout).toBe('pod "solo" deleted\n')
    expect(console.design.entries.some((e) => e.id === 'pod/yaobank/solo')).toBe(false)
    const before = console.design
    const proxy =
      run(console, 'kubectl get pods -n kube-system -o name')
        .stdout.split('\n')
        .find((l) => l.startsWith('pod/kube-proxy-'))
        ?.slice(4) ?? ''
    expect(run(console, `kubectl delete pod ${proxy} -n kube-system`).stderr).toContain('is started again at once by what runs it (a DaemonSet or the kubelet)')
    expect(console.design).toBe(before)
  })

  it('scales a Deployment and its pods follow', () => {
    const console = labConsole()
    expect(run(console, 'kubectl scale deployment/summary --replicas=3 -n yaobank').stdout).toBe('deployment.apps/summary scaled\n')
    expect(
      run(console, 'kubectl get pods -n yaobank -o name')
        .stdout.split('\n')
        .filter((l) => l.startsWith('pod/summary-')),
    ).toHaveLength(3)
    expect(run(console, 'kubectl scale deployment summary -n yaobank').stderr).toBe('error: required flag(s) "replicas" not set\n')
  })
})

describe('kubectl cluster-info', () => {
  it("dumps the kubeadm control plane's flags with the design's ranges, indented as kubectl's JSON", () => {
    const out = run(labConsole(), 'kubectl cluster-info dump | grep -E "service-cluster-ip-range|cluster-cidr|allocate-node"').stdout
    expect(out).toBe(
      `${' '.repeat(28)}"--service-cluster-ip-range=10.49.0.0/16",\n${' '.repeat(28)}"--allocate-node-cidrs=true",\n${' '.repeat(28)}"--cluster-cidr=10.48.0.0/16",\n${' '.repeat(28)}"--service-cluster-ip-range=10.49.0.0/16",\n`,
    )
  })

  it('names the control plane endpoint', () => {
    expect(run(labConsole(), 'kubectl cluster-info').stdout.split('\n')[0]).toBe('Kubernetes control plane is running at https://10.0.1.20:6443')
  })
})
