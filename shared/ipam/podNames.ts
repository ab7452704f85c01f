/**
 * Names for the pods of a Deployment, in the shape Kubernetes gives them:
 * `<deployment>-<pod-template-hash>-<5 characters>`. Kubernetes hashes the whole pod template
 * and picks the suffix at random; Peerlab derives both from the deployment's identity instead,
 * so a design always gives the same names.
 */

/** k8s.io/apimachinery/pkg/util/rand: the alphabet without vowels and look-alike characters. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789'

function fnv1a32(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash >>> 0
}

/** rand.SafeEncodeString: every character of the decimal hash mapped into the alphabet. */
function safeEncode(text: string): string {
  let encoded = ''
  for (let i = 0; i < text.length; i++) encoded += ALPHANUMS[text.charCodeAt(i) % ALPHANUMS.length]
  return encoded
}

export function podTemplateHash(namespace: string, deployment: string): string {
  return safeEncode(String(fnv1a32(`${namespace}/${deployment}`)))
}

/** The five characters Kubernetes appends to a generated name, derived from `key` instead of chosen at random. */
export function nameSuffix(key: string): string {
  let suffix = ''
  let seed = fnv1a32(key)
  for (let i = 0; i < 5; i++) {
    suffix += ALPHANUMS[seed % ALPHANUMS.length]
    seed = Math.floor(seed / ALPHANUMS.length) ^ Math.imul(seed, 0x01000193)
    seed >>>= 0
  }
  return suffix
}

/**
 * The name of a Deployment's pod: replica `replica`, after `generation` replacements (a deleted
 * pod comes back under a new name). `templateHash` is `podTemplateHash(namespace, deployment)`,
 * computed once per deployment by the caller.
 */
export function replicaName(namespace: string, deployment: string, replica: number, templateHash = podTemplateHash(namespace, deployment), generation = 0): string {
  return `${deployment}-${templateHash}-${nameSuffix(`${namespace}/${deployment}#${replica}${generation > 0 ? `@${generation}` : ''}`)}`
}

/**
 * A name the API server generates from a controller's `generateName` (`NAME-` and five
 * characters), as ReplicaSets, DaemonSets and Jobs name their pods: `key` tells the pods of one
 * controller apart (a replica number, or a DaemonSet's node), and `generation` counts replacements.
 */
export function generatedPodName(kind: string, namespace: string, name: string, key: string, generation = 0): string {
  return `${name}-${nameSuffix(`${kind}:${namespace}/${name}#${key}${generation > 0 ? `@${generation}` : ''}`)}`
}
