import { describe, expect, it } from 'vitest'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeIpam, type PodState } from '../../../shared/ipam/computeIpam'
import { jobPods, workloadsOf } from '../../../shared/model/workloads'
import { readExample } from '../../exampleText'

const CONTROL1 = 'ip-10-0-1-20.eu-west-1.compute.internal'
const WORKER1 = 'ip-10-0-1-30.eu-west-1.compute.internal'
const WORKER2 = 'ip-10-0-1-31.eu-west-1.compute.internal'
const GENERATED = /^[bcdfghjklmnpqrstvwxz2456789]{5}$/

/** A workload of `kind` in yaobank, with `spec` lines (indented two spaces) before its template. */
function workload(apiVersion: string, kind: string, name: string, spec = '', podSpec = ''): string {
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: yaobank\nspec:\n${spec}  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n${podSpec}      containers:\n      - name: ${name}\n        image: busybox\n`
}

/** The seed lab before its steps (three nodes; control1 tainted NoSchedule), with `extra` documents at the end. */
function lab(...extra: string[]): ReturnType<typeof loadDesign>['design'] {
  return loadDesign([readExample('calico-lab-2.2'), ...extra].join('---\n')).design
}

const podsOf = (pods: readonly PodState[], prefix: string): PodState[] => pods.filter((p) => p.namespace === 'yaobank' && p.name.startsWith(`${prefix}-`))
const summary = (pods: readonly PodState[]): string[][] => pods.map((p) => [p.name, p.node ?? '', p.ips.join(','), p.phase])

describe('DaemonSet', () => {
  it('runs one pod on every node it tolerates, named NAME-xxxxx, node by node in design order', () => {
    const pods = podsOf(computeIpam(lab(workload('apps/v1', 'DaemonSet', 'agent'))).pods, 'agent')
    // control1's node-role.kubernetes.io/control-plane:NoSchedule taint keeps it off control1.
    expect(summary(pods)).toEqual([
      ['agent-8wpp7', WORKER1, '10.48.0.196', 'Running'],
      ['agent-zkl94', WORKER2, '10.48.0.3', 'Running'],
    ])
    for (const pod of pods) expect(pod.name.slice('agent-'.length)).toMatch(GENERATED)
  })

  it('runs on the control plane when its template tolerates the taint, and only on selected nodes with a nodeSelector', () => {
    const tolerant = podsOf(
      computeIpam(lab(workload('apps/v1', 'DaemonSet', 'agent', '', '      tolerations:\n      - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}\n'))).pods,
      'agent',
    )
    expect(tolerant.map((p) => p.node)).toEqual([CONTROL1, WORKER1, WORKER2])
    const selected = podsOf(computeIpam(lab(workload('apps/v1', 'DaemonSet', 'agent', '', `      nodeSelector: {kubernetes.io/hostname: ${WORKER2}}\n`))).pods, 'agent')
    expect(selected.map((p) => p.node)).toEqual([WORKER2])
    expect(workloadsOf(lab(workload('apps/v1', 'DaemonSet', 'agent'))).find((w) => w.kind === 'DaemonSet')?.replicas).toBe(2)
  })

  it('tolerates the taints the DaemonSet controller tolerates by default, and no others', () => {
    const taint = (key: string, effect: string): string =>
      `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${WORKER1}\n  labels: {kubernetes.io/hostname: ${WORKER1}}\nspec:\n  taints:\n  - {key: ${key}, effect: ${effect}}\nstatus:\n  addresses:\n  - {type: InternalIP, address: 10.0.1.30}\n`
    const nodesWith = (key: string, effect: string, podSpec = ''): (string | undefined)[] => {
      const text = readExample('calico-lab-2.2').replace(new RegExp(`apiVersion: v1\\nkind: Node\\nmetadata:\\n  name: ${WORKER1.replaceAll('.', '\\.')}\\n[\\s\\S]*?(?=---\\n)`), taint(key, effect))
      return podsOf(computeIpam(loadDesign(`${text}---\n${workload('apps/v1', 'DaemonSet', 'agent', '', podSpec)}`).design).pods, 'agent').map((p) => p.node)
    }
    for (const [key, effect] of [
      ['node.kubernetes.io/unschedulable', 'NoSchedule'],
      ['node.kubernetes.io/not-ready', 'NoExecute'],
      ['node.kubernetes.io/unreachable', 'NoExecute'],
      ['node.kubernetes.io/disk-pressure', 'NoSchedule'],
      ['node.kubernetes.io/memory-pressure', 'NoSchedule'],
      ['node.kubernetes.io/pid-pressure', 'NoSchedule'],
    ] as const) {
      expect(nodesWith(key, effect)).toEqual([WORKER1, WORKER2])
    }
    expect(nodesWith('dedicated', 'NoExecute')).toEqual([WORKER2])
    expect(nodesWith('node.kubernetes.io/network-unavailable', 'NoSchedule')).toEqual([WORKER2])
    expect(nodesWith('node.kubernetes.io/network-unavailable', 'NoSchedule', '      hostNetwork: true\n')).toEqual([WORKER1, WORKER2])
    // PreferNoSchedule never keeps a pod off a node.
    expect(nodesWith('dedicated', 'PreferNoSchedule')).toEqual([WORKER1, WORKER2])
  })
})

describe('StatefulSet', () => {
  it('names its pods NAME-0 … NAME-(N-1) and creates them in that order', () => {
    const pods = podsOf(computeIpam(lab(workload('apps/v1', 'StatefulSet', 'web', '  replicas: 3\n  serviceName: web\n'))).pods, 'web')
    expect(summary(pods)).toEqual([
      ['web-0', WORKER2, '10.48.0.3', 'Running'],
      ['web-1', WORKER1, '10.48.0.196', 'Running'],
      ['web-2', WORKER2, '10.48.0.4', 'Running'],
    ])
  })

  it('waits for each pod to run before it creates the next (OrderedReady), and not with Parallel pod management', () => {
    const nowhere = '      nodeSelector: {disk: ssd}\n'
    const ordered = podsOf(computeIpam(lab(workload('apps/v1', 'StatefulSet', 'web', '  replicas: 3\n', nowhere))).pods, 'web')
    expect(ordered.map((p) => [p.name, p.phase])).toEqual([['web-0', 'Pending']])
    const parallel = podsOf(computeIpam(lab(workload('apps/v1', 'StatefulSet', 'web', '  replicas: 3\n  podManagementPolicy: Parallel\n', nowhere))).pods, 'web')
    expect(parallel.map((p) => [p.name, p.phase])).toEqual([
      ['web-0', 'Pending'],
      ['web-1', 'Pending'],
      ['web-2', 'Pending'],
    ])
  })
})

describe('ReplicaSet', () => {
  it('names its pods NAME-xxxxx, without a template hash, the same names every time, placed on the least busy node first', () => {
    const design = lab(workload('apps/v1', 'ReplicaSet', 'cache', '  replicas: 2\n'))
    const pods = podsOf(computeIpam(design).pods, 'cache')
    expect(summary(pods)).toEqual([
      ['cache-rcx7n', WORKER2, '10.48.0.3', 'Running'],
      ['cache-4sxlc', WORKER1, '10.48.0.196', 'Running'],
    ])
    expect(summary(podsOf(computeIpam(lab(workload('apps/v1', 'ReplicaSet', 'cache', '  replicas: 2\n'))).pods, 'cache'))).toEqual(summary(pods))
  })

  it('replaces a deleted pod under a new name, with the next address of its block', () => {
    const deleted = workload('apps/v1', 'ReplicaSet', 'cache', '  replicas: 2\n').replace('  namespace: yaobank\n', '  namespace: yaobank\n  annotations:\n    peerlab.dev/deleted-pods: cache-rcx7n\n')
    const pods = podsOf(computeIpam(lab(deleted)).pods, 'cache')
    expect(pods.map((p) => p.name)).not.toContain('cache-rcx7n')
    expect(pods[0]).toMatchObject({ node: WORKER2, ips: ['10.48.0.4'] })
    expect(pods[0]?.name).toMatch(/^cache-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
  })
})

describe('Job', () => {
  it('runs parallelism pods (default 1), capped by completions, none while suspended', () => {
    expect(jobPods({})).toBe(1)
    expect(jobPods({ parallelism: 3 })).toBe(3)
    expect(jobPods({ parallelism: 3, completions: 2 })).toBe(2)
    expect(jobPods({ completions: 5 })).toBe(1)
    expect(jobPods({ parallelism: 0 })).toBe(0)
    expect(jobPods({ parallelism: 2, suspend: true })).toBe(0)
  })

  it('names its pods NAME-xxxxx and spreads them like any pod', () => {
    const pods = podsOf(computeIpam(lab(workload('batch/v1', 'Job', 'migrate', '  parallelism: 3\n  completions: 2\n'))).pods, 'migrate')
    expect(summary(pods)).toEqual([
      ['migrate-9twd9', WORKER2, '10.48.0.3', 'Running'],
      ['migrate-kgdkp', WORKER1, '10.48.0.196', 'Running'],
    ])
  })
})

describe('the order pods are created in', () => {
  it('is design order across kinds: each workload takes the next addresses, whatever its kind', () => {
    const design = lab(
      workload('apps/v1', 'DaemonSet', 'agent'),
      workload('apps/v1', 'StatefulSet', 'web', '  replicas: 3\n'),
      workload('apps/v1', 'ReplicaSet', 'cache', '  replicas: 2\n'),
      workload('batch/v1', 'Job', 'migrate', '  parallelism: 3\n  completions: 2\n'),
    )
    expect(
      workloadsOf(design)
        .map((w) => `${w.kind} ${w.name}`)
        .slice(-4),
    ).toEqual(['DaemonSet agent', 'StatefulSet web', 'ReplicaSet cache', 'Job migrate'])
    expect(
      computeIpam(design)
        .pods.filter((p) => ['agent', 'web', 'cache', 'migrate'].some((n) => p.name.startsWith(`${n}-`)))
        .map((p) => `${p.name} ${p.ips.join(',')}`),
    ).toEqual([
      'agent-8wpp7 10.48.0.196',
      'agent-zkl94 10.48.0.3',
      'web-0 10.48.0.4',
      'web-1 10.48.0.197',
      'web-2 10.48.0.5',
      'cache-rcx7n 10.48.0.198',
      'cache-4sxlc 10.48.0.6',
      'migrate-9twd9 10.48.0.199',
      'migrate-kgdkp 10.48.0.7',
    ])
  })

  it('puts a bare Pod written before a Deployment first', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: first\n  namespace: yaobank\nspec:\n  containers:\n  - name: first\n    image: busybox\n'
    const deployment = workload('apps/v1', 'Deployment', 'second')
    const names = (design: ReturnType<typeof lab>): string[] =>
      computeIpam(design)
        .pods.filter((p) => p.name === 'first' || p.name.startsWith('second-'))
        .map((p) => p.name.split('-')[0] as string)
    expect(names(lab(pod, deployment))).toEqual(['first', 'second'])
    expect(names(lab(deployment, pod))).toEqual(['second', 'first'])
  })
})
