/**
 * The API groups and versions a design bundle may use. Kubernetes orders versions
 * v1alpha1 < v1beta1 < v1 < v2alpha1 ...; a bundle written by a newer Peerlab uses a version this
 * build has never seen, and reading it as if it were ours could silently lose data, so it is refused.
 */
export const PEERLAB_GROUP = 'peerlab.dev'
export const PEERLAB_API_VERSION = `${PEERLAB_GROUP}/v1alpha1`
export const CALICO_API_VERSION = 'projectcalico.org/v3'

const KNOWN_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  [PEERLAB_GROUP]: ['v1alpha1'],
}

const VERSION_PATTERN = /^v(\d+)(?:(alpha|beta)(\d+))?$/

/** Sort key of a Kubernetes-style version; stable releases rank above their alphas and betas. */
function versionRank(version: string): number | undefined {
  const match = VERSION_PATTERN.exec(version)
  if (!match) return undefined
  const major = Number(match[1])
  const stage = match[2] === 'alpha' ? 0 : match[2] === 'beta' ? 1 : 2
  const minor = match[3] === undefined ? 0 : Number(match[3])
  return major * 1_000_000 + stage * 1_000 + minor
}

/** Splits `group/version`; the core group (`v1`) has an empty group name. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/')
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) }
}

/** True when `apiVersion` belongs to a group we own but is newer than every version this build knows. */
export function isNewerThanKnown(apiVersion: string): boolean {
  const { group, version } = splitApiVersion(apiVersion)
  const known = KNOWN_VERSIONS[group]
  if (!known) return false
  const rank = versionRank(version)
  const newest = Math.max(...known.map((v) => versionRank(v) ?? 0))
  return rank !== undefined && rank > newest
}
