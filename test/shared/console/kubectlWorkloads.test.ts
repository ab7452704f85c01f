import { describe, expect, it } from 'vitest'
import { labConsole, run } from './labConsoleHelpers'

/** A workload in yaobank running busybox, with `spec` lines (indented two spaces) before its template. */
const workload = (apiVersion: string, kind: string, name: string, spec = ''): string =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: yaobank\nspec:\n${spec}  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n      - name: ${name}\n        image: busybox\n`
const AGENT = workload('apps/v1', 'DaemonSet', 'agent')
const WEB = workload('apps/v1', 'StatefulSet', 'web', '  replicas: 3\n  serviceName: web\n')
const CACHE = workload('apps/v1', 'ReplicaSet', 'cache', '  replicas: 2\n')
const MIGRATE = workload('batch/v1', 'Job', 'migrate', '  parallelism: 3\n  completions: 2\n').replace(/ {2}selector:\n.*\n/, '')

const W1 = 'ip-10-0-1-30.eu-west-1.compute.internal'
const W2 = 'ip-10-0-1-31.eu-west-1.compute.internal'

describe('kubectl get pods with DaemonSets and StatefulSets', () => {
  it("lists a DaemonSet's pod on each worker and a StatefulSet's NAME-0 … NAME-2, with their addresses", () => {
    expect(run(labConsole({ extra: `${AGENT}---\n${WEB}` }), 'kubectl get pods -A -o wide').stdout).toBe(
      `NAMESPACE     NAME                                                              READY   STATUS    RESTARTS   AGE    IP            NODE                                      NOMINATED NODE   READINESS GATES
kube-system   calico-node-5b6hv                                                 1/1     Running   0          168m   10.0.1.31     ip-10-0-1-31.eu-west-1.compute.internal   <none>           <none>
kube-system   calico-node-6ttbb                                                 1/1     Running   0          168m   10.0.1.20     ip-10-0-1-20.eu-west-1.compute.internal   <none>           <none>
kube-system   calico-node-j9zld                                                 1/1     Running   0          168m   10.0.1.30     ip-10-0-1-30.eu-west-1.compute.internal   <none>           <none>
kube-system   coredns-6b6c955475-4vq2s                                          1/1     Running   0          168m   10.48.0.129   ip-10-0-1-20.eu-west-1.compute.internal   <none>           <none>
kube-system   coredns-6b6c955475-dpj49                                          1/1     Running   0          168m   10.48.0.193   ip-10-0-1-30.eu-west-1.compute.internal   <none>           <none>
kube-system   etcd-ip-10-0-1-20.eu-west-1.compute.internal                      1/1     Running   0          168m   10.0.1.20     ip-10-0-1-20.eu-west-1.compute.internal   <none>           <none>
kube-system   kube-apiserver-ip-10-0-1-20.eu-west-1.compute.internal            1/1     Running   0          168m   10.0.1.20     ip-10-0-1-20.eu-west-1.compute.internal   <none>           <none>
kube-system   kube-controller-manager-ip-10-0-1-20.eu-west-1.compute.internal   1/1     Running   0          168m   10.0.1.20     ip-10-0-1-20.eu-west-1.compute.internal   <none>           <none>
kube-system   kube-proxy-cfskw                                                  1/1     Running   0          168m   10.0.1.30     ip-10-0-1-30.eu-west-1.compute.internal   <none>           <none>
kube-system   kube-proxy-mbqxn                                                  1/1     Running   0          168m   10.0.1.20     ip-10-0-1-20.eu-west-1.compute.internal   <none>           <none>
kube-system   kube-proxy-rv6ln                                                  1/1     Running   0          168m   10.0.1.31     ip-10-0-1-31.eu-west-1.compute.internal   <none>           <none>
kube-system   kube-scheduler-ip-10-0-1-20.eu-west-1.compute.internal            1/1     Running   0          168m   10.0.1.20     ip-10-0-1-20.eu-west-1.compute.internal   <none>           <none>
yaobank       agent-8wpp7                                                       1/1     Running   0          168m   10.48.0.196   ip-10-0-1-30.eu-west-1.compute.internal   <none>           <none>
yaobank       agent-zkl94                                                       1/1     Running   0          168m   10.48.0.3     ip-10-0-1-31.eu-west-1.compute.internal   <none>           <none>
yaobank       customer-d55dfcc95-6mgs9                                          1/1     Running   0          168m   10.48.0.195   ip-10-0-1-30.eu-west-1.compute.internal   <none>           <none>
yaobank       database-8ff58d44b-2dzlz                                          1/1     Running   0          168m   10.48.0.1     ip-10-0-1-31.eu-west-1.compute.internal   <none>           <none>
yaobank       summary-f9b66b4b5-87bf8                                           1/1     Running   0          168m   10.48.0.194   ip-10-0-1-30.eu-west-1.compute.internal   <none>           <none>
yaobank       summary-f9b66b4b5-jgqpk                                           1/1     Running   0          168m   10.48.0.2     ip-10-0-1-31.eu-west-1.compute.internal   <none>           <none>
yaobank       web-0                                                             1/1     Running   0          168m   10.48.0.4     ip-10-0-1-31.eu-west-1.compute.internal   <none>           <none>
yaobank       web-1                                                             1/1     Running   0          168m   10.48.0.197   ip-10-0-1-30.eu-west-1.compute.internal   <none>           <none>
yaobank       web-2                                                             1/1     Running   0          168m   10.48.0.5     ip-10-0-1-31.eu-west-1.compute.internal   <none>           <none>
`,
    )
  })
})

describe('kubectl get daemonsets, statefulsets, replicasets and jobs', () => {
  // A console of its own for each command: every command takes five seconds of the lab clock, and AGE would move on.
  const get = (command: string): string => run(labConsole({ extra: [AGENT, WEB, CACHE, MIGRATE].join('---\n') }), command).stdout

  it('prints them in the tables kubectl prints', () => {
    expect(get('kubectl get ds -n yaobank')).toBe(
      'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\nagent   2         2         2       2            2           <none>          168m\n',
    )
    expect(get('kubectl get statefulsets -n yaobank')).toBe('NAME   READY   AGE\nweb    3/3     168m\n')
    expect(get('kubectl get rs -n yaobank')).toBe('NAME    DESIRED   CURRENT   READY   AGE\ncache   2         2         2       168m\n')
    expect(get('kubectl get jobs -n yaobank')).toBe('NAME      STATUS    COMPLETIONS   DURATION   AGE\nmigrate   Running   0/2           168m       168m\n')
  })

  it('adds the containers, images and selector with -o wide (no selector for a StatefulSet; a Job selects by its uid)', () => {
    expect(get('kubectl get daemonsets -A -o wide')).toBe(
      'NAMESPACE   NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE    CONTAINERS   IMAGES    SELECTOR\nyaobank     agent   2         2         2       2            2           <none>          168m   agent        busybox   app=agent\n',
    )
    expect(get('kubectl get sts -n yaobank -o wide')).toBe('NAME   READY   AGE    CONTAINERS   IMAGES\nweb    3/3     168m   web          busybox\n')
    expect(get('kubectl get replicasets -n yaobank -o wide')).toBe(
      'NAME    DESIRED   CURRENT   READY   AGE    CONTAINERS   IMAGES    SELECTOR\ncache   2         2         2       168m   cache        busybox   app=cache\n',
    )
    expect(get('kubectl get jobs -n yaobank -o wide')).toMatch(
      /^NAME {6}STATUS {4}COMPLETIONS {3}DURATION {3}AGE {4}CONTAINERS {3}IMAGES {4}SELECTOR\nmigrate {3}Running {3}0\/2 {11}168m {7}168m {3}migrate {6}busybox {3}batch\.kubernetes\.io\/controller-uid=[0-9a-f-]{36}\n$/,
    )
  })

  it("shows a Job's completions as kubectl does without spec.completions, and a suspended Job's status", () => {
    const jobs = labConsole({
      extra: [workload('batch/v1', 'Job', 'one'), workload('batch/v1', 'Job', 'many', '  parallelism: 4\n'), workload('batch/v1', 'Job', 'held', '  suspend: true\n')].join('---\n'),
    })
    expect(run(jobs, 'kubectl get jobs -n yaobank').stdout).toBe(
      'NAME   STATUS      COMPLETIONS   DURATION   AGE\nheld   Suspended   0/1                      168m\nmany   Running     0/1 of 4      168m       168m\none    Running     0/1           168m       168m\n',
    )
    expect(
      run(jobs, 'kubectl get pods -n yaobank -o name')
        .stdout.split('\n')
        .filter((l) => /^pod\/(one|many|held)-/.test(l)),
    ).toHaveLength(5)
  })
})

describe('kubectl scale and delete on the other workload kinds', () => {
  it('scales a StatefulSet and a ReplicaSet, and not a Job', () => {
    const console = labConsole({ extra: [WEB, CACHE, MIGRATE].join('---\n') })
    expect(run(console, 'kubectl scale sts web -n yaobank --replicas=1').stdout).toBe('statefulset.apps/web scaled\n')
    expect(
      run(console, 'kubectl get pods -n yaobank -o name')
        .stdout.split('\n')
        .filter((l) => l.startsWith('pod/web-')),
    ).toEqual(['pod/web-0'])
    expect(run(console, 'kubectl scale rs/cache -n yaobank --replicas=3').stdout).toBe('replicaset.apps/cache scaled\n')
    expect(run(console, 'kubectl get rs cache -n yaobank').stdout).toMatch(/^NAME {4}DESIRED {3}CURRENT {3}READY {3}AGE\ncache {3}3 {9}3 {9}3 {7}\d+m\n$/)
    expect(run(console, 'kubectl scale job migrate -n yaobank --replicas=3')).toMatchObject({ stderr: 'error: no scaler has been implemented for {"batch" "Job"}\n', exitCode: 1 })
  })

  it("replaces a deleted DaemonSet pod on its node under a new name; a StatefulSet's keeps its name", () => {
    const console = labConsole({ extra: `${AGENT}---\n${WEB}` })
    expect(run(console, 'kubectl delete pod agent-zkl94 -n yaobank')).toMatchObject({ stdout: 'pod "agent-zkl94" deleted\n', stderr: '', exitCode: 0 })
    const agents = run(console, 'kubectl get pods -n yaobank -o wide')
      .stdout.split('\n')
      .filter((l) => l.startsWith('agent-'))
      .map((l) => l.split(/\s+/))
    expect(agents.map((a) => [a[0], a[6]])).toEqual([
      ['agent-8wpp7', W1],
      [expect.stringMatching(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/), W2],
    ])
    expect(agents[1]?.[0]).not.toBe('agent-zkl94')
    expect(run(console, 'kubectl delete pod web-1 -n yaobank').stderr).toBe('peerlab: web-1 is started again at once under the same name by its StatefulSet; the design is unchanged\n')
  })
})
