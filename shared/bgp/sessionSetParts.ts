import type { BgpSpeaker } from './speakers'
import { meshGroupOf, sessionSet, type SessionSet, type SessionState } from './sessions'

/**
 * A session set as plain data, for another thread: the sessions outside the mesh, and the mesh
 * group's members with where each member's sessions stand. A structured clone copies it; the
 * receiver makes the same set again with `sessionSetFromParts`, never spelling out the mesh.
 */
export interface SessionSetParts {
  readonly explicit: readonly SessionState[]
  readonly mesh: { readonly members: readonly BgpSpeaker[]; readonly at: readonly { readonly member: number; readonly index: number }[] } | undefined
}

export function sessionSetParts(set: SessionSet): SessionSetParts {
  const mesh = set.mesh
  if (!mesh) return { explicit: set.explicit, mesh: undefined }
  const place = new Map(mesh.members.map((m, i) => [m, i]))
  return { explicit: set.explicit, mesh: { members: mesh.members, at: mesh.at.map((a) => ({ member: place.get(a.node) as number, index: a.index })) } }
}

export function sessionSetFromParts(parts: SessionSetParts): SessionSet {
  return sessionSet(parts.explicit, parts.mesh && meshGroupOf(parts.mesh.members, parts.mesh.at))
}
