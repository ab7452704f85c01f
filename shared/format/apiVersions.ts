import { PEERLAB_API_VERSION } from '../model/kinds'

/**
 * Kubernetes orders versions v1alpha1 < v1beta1 < v1 < v2alpha1 ...; a bundle written by a newer
 * Peerlab uses a version this build has never seen, and reading it as if it were ours could
 * silently lose data, so it is refused.
 */
export const PEERLAB_GROUP = 'peerlab.dev'
const KNOWN_PEERLAB_VERSIONS = [PEERLAB_API_VERSION.slice(PEERLAB_GROUP.length + 1)]

const VERSION_PATTERN = /^v(\d+)(?:(alpha|beta)(\d+))?$/

/** Sort key of a Kubernetes-style version; stable releases rank above their alphas and betas. */
function versionRank(version: string): number | undefined {
  const match = VERSION_PATTERN.exec(version)
  if (!match) return undefined
  const stage = match[2] === 'alpha' ? 0 : match[2] === 'beta' ? 1 : 2
  return Number(match[1]) * 1_000_000 + stage * 1_000 + (match[3] === undefined ? 0 : Number(match[3]))
}

/** Splits `group/version`; the core group (`v1`) has an empty group name. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/')
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) }
}

/**
 * Why this build cannot read a Peerlab `apiVersion`, or undefined when it can (or the group is
 * not Peerlab's): newer than every known version, or not a version at all.
 */
export function unreadablePeerlabVersion(apiVersion: string): string | undefined {
  const { group, version } = splitApiVersion(apiVersion)
  if (group !== PEERLAB_GROUP || KNOWN_PEERLAB_VERSIONS.includes(version)) return undefined
  const known = KNOWN_PEERLAB_VERSIONS.map((v) => `${PEERLAB_GROUP}/${v}`).join(', ')
  const rank = versionRank(version)
  const newest = Math.max(...KNOWN_PEERLAB_VERSIONS.map((v) => versionRank(v) ?? 0))
  if (rank !== undefined && rank > newest) return `${apiVersion} is newer than this version of Peerlab understands (it reads ${known}); open the file with a newer Peerlab`
  return `${apiVersion} is not a version of ${PEERLAB_GROUP} that Peerlab knows (it reads ${known})`
}
