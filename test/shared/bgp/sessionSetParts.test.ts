import { describe, expect, it } from 'vitest'
import { synthetic } from '../../../bench/bgpDesign'
import { sessionSetFromParts, sessionSetParts } from '../../../shared/bgp/sessionSetParts'
import { deriveNetwork } from '../../../shared/routing/network'

describe('a session set sent to another thread', () => {
  it('comes back from a structured clone of its parts with the same sessions, mesh and all', () => {
    for (const reflectors of [false, true]) {
      const { sessionSet } = deriveNetwork(synthetic(12, reflectors))
      expect(sessionSet.mesh !== undefined).toBe(!reflectors)
      const again = sessionSetFromParts(structuredClone(sessionSetParts(sessionSet)))
      expect(again.all).toEqual(sessionSet.all)
      expect(again.mesh?.members.map((m) => m.id)).toEqual(sessionSet.mesh?.members.map((m) => m.id))
      for (const member of sessionSet.mesh?.members ?? []) expect(again.of(member.id)).toEqual(sessionSet.of(member.id))
    }
  })
})
