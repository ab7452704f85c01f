/**
 * Names for the pods of a Deployment, in the shape Kubernetes gives them:
 * `<deployment>-<pod-template-hash>-<5 characters>`. Kubernetes hashes the whole pod template
 * and picks the suffix at random; Peerlab derives both from the deployment's identity instead,
 * so a design always gives the same names.
 */

/** k8s.io/apimachinery/pkg/util/rand: the alphabet without vowels and look-alike characters. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789'

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/** FNV-1a over `text`, going on from `hash`: hashing a key's fixed start once serves every key that begins with it. */
function fnv1a32(text: string, hash = FNV_OFFSET): number {
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, FNV_PRIME) >>> 0
  }
  return hash >>> 0
}

/** FNV-1a over the decimal digits of `n` (a non-negative integer), as `fnv1a32(String(n), hash)` without making the string. */
function fnv1a32Decimal(n: number, hash: number): number {
  let unit = 1
  while (unit * 10 <= n) unit *= 10
  for (; unit >= 1; unit /= 10) {
    hash ^= 48 + (Math.floor(n / unit) % 10)
    hash = Math.imul(hash, FNV_PRIME) >>> 0
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
  return suffixOfHash(fnv1a32(key))
}

/** The suffix of a key hashed to `hash`, made as one string (150,000 pod names each have one). */
function suffixOfHash(hash: number): string {
  // Five characters, one from each seed of the walk; no list to spread, 150,000 names over.
  const s1 = nextSeed(hash)
  const s2 = nextSeed(s1)
  const s3 = nextSeed(s2)
  const s4 = nextSeed(s3)
  return String.fromCharCode(charOf(hash), charOf(s1), charOf(s2), charOf(s3), charOf(s4))
}

function charOf(seed: number): number {
  return ALPHANUMS.charCodeAt(seed % ALPHANUMS.length)
}

function nextSeed(seed: number): number {
  return (Math.floor(seed / ALPHANUMS.length) ^ Math.imul(seed, FNV_PRIME)) >>> 0
}

/**
 * The names `name-<suffix of keyStart + key [+ @generation]>` of one controller's pods, with the
 * parts every pod shares hashed and joined once: what `replicaName` and `generatedPodName` give,
 * for a workload that names thousands of pods.
 */
function podNamer(namePrefix: string, keyStart: string): (key: number | string, generation: number) => string {
  const seed = fnv1a32(keyStart)
  const at = '@'.charCodeAt(0)
  return (key, generation) => {
    let hash = typeof key === 'number' ? fnv1a32Decimal(key, seed) : fnv1a32(key, seed)
    if (generation > 0) hash = fnv1a32Decimal(generation, Math.imul(hash ^ at, FNV_PRIME) >>> 0)
    return namePrefix + suffixOfHash(hash)
  }
}

/** `replicaName` of one Deployment's pods: (replica, generation) to name. */
export function replicaNamer(namespace: string, deployment: string): (replica: number, generation: number) => string {
  return podNamer(`${deployment}-${podTemplateHash(namespace, deployment)}-`, `${namespace}/${deployment}#`)
}

/** `generatedPodName` of one controller's pods: (key, generation) to name. */
export function generatedPodNamer(kind: string, namespace: string, name: string): (key: number | string, generation: number) => string {
  return podNamer(`${name}-`, `${kind}:${namespace}/${name}#`)
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
