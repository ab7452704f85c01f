import type { Design } from '../model/design'
import { resourcesOf } from '../model/query'
import { isPlainObject } from '../util/deepEqual'

/** Labels the kubelet sets on its own Node, and kubeadm's control-plane role: a cluster already has them. */
const SET_BY_THE_CLUSTER = new Set(['kubernetes.io/hostname', 'kubernetes.io/os', 'kubernetes.io/arch', 'beta.kubernetes.io/os', 'beta.kubernetes.io/arch', 'node-role.kubernetes.io/control-plane'])

/** A word as the shell reads it back unchanged: bare when it is plain, else single-quoted. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

export interface NodeChanges {
  readonly text: string
  /** How many commands the script runs. */
  readonly count: number
}

/**
 * What the design sets on nodes that already exist, as the commands Calico's and Kubernetes' docs
 * use: `kubectl label node` and `kubectl taint node` for the Kubernetes Node (labels the kubelet
 * sets itself are left alone), and for the Calico Node `calicoctl patch node NAME --patch
 * '{"spec":{...}}'`, which changes only the fields named, where `calicoctl apply` would replace
 * the spec calico-node wrote (its tunnel addresses among them). A shell script, run once the
 * nodes have joined.
 */
export function nodeChanges(design: Design): NodeChanges {
  const commands: string[] = []
  const calicoNodes = new Map(resourcesOf(design, 'projectcalico.org/v3/Node').map((n) => [n.metadata.name, n]))
  for (const node of resourcesOf(design, 'v1/Node')) {
    const name = shellWord(node.metadata.name)
    const labels = { ...(node.metadata.labels ?? {}), ...(calicoNodes.get(node.metadata.name)?.metadata.labels ?? {}) }
    for (const [key, value] of Object.entries(labels)) {
      if (SET_BY_THE_CLUSTER.has(key) || key.startsWith('peerlab.dev/')) continue
      commands.push(`kubectl label node ${name} ${shellWord(`${key}=${value}`)} --overwrite`)
    }
    for (const taint of node.spec?.taints ?? []) {
      if (taint.key === 'node-role.kubernetes.io/control-plane') continue
      const value = taint.value !== undefined && taint.value !== '' ? `=${taint.value}` : ''
      commands.push(`kubectl taint node ${name} ${shellWord(`${taint.key}${value}:${taint.effect}`)} --overwrite`)
    }
  }
  for (const calicoNode of calicoNodes.values()) {
    const spec: unknown = calicoNode.spec
    if (!isPlainObject(spec) || Object.keys(spec).length === 0) continue
    commands.push(`calicoctl patch node ${shellWord(calicoNode.metadata.name)} --patch ${shellWord(JSON.stringify({ spec }))}`)
  }
  const header = [
    '#!/bin/sh',
    `# Node changes of ${design.name}: run once the nodes have joined the cluster.`,
    `# calicoctl patch changes only the fields it names; calicoctl apply would replace the spec calico-node wrote.`,
    'set -e',
  ]
  const body = commands.length > 0 ? commands : ['# The design changes no labels, taints or Calico node settings.']
  return { text: `${[...header, ...body].join('\n')}\n`, count: commands.length }
}
