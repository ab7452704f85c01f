import { describe, expect, it } from 'vitest'
import { explainWhy } from '../../../shared/explain/whyAnswer'
import { loadDesign } from '../../../shared/format/loadDesign'
import { computeNetwork } from '../../../shared/routing/network'
import { labAfterAllSteps } from '../../labSteps'

function why(host: string, query: string) {
  const design = loadDesign(labAfterAllSteps()).design
  return explainWhy(design, computeNetwork(design), host, query)
}

const WORKER1 = 'node/ip-10-0-1-30.eu-west-1.compute.internal'

describe('why, whichever way it goes', () => {
  it('answers an address by the route that carries it', () => {
    const answer = why('router/bastion', '10.48.2.216')
    expect(answer).toMatchObject({ routed: true, queryKind: 'address', missing: [] })
    expect(answer.routes.map((r) => r.route.text)).toEqual(['10.48.2.216/29 via 10.0.1.31 dev ens5 proto bird'])
  })

  it('answers a prefix narrower than its route by that route, where explainAbsence finds nothing inside', () => {
    const answer = why('router/bastion', '10.48.2.216/30')
    expect(answer.routed).toBe(true)
    expect(answer.summary).toBe('bastion has a route to 10.48.2.216/30: 10.48.2.216/29 via 10.0.1.31 dev ens5 proto bird')
    expect(answer.routes[0]?.steps[0]?.text).toBe('block 10.48.2.216/29 of pool external-pool, affine to worker2')
  })

  it('counts a wide prefix as routed only when nothing originated inside it is missing', () => {
    expect(why(WORKER1, '10.48.0.0/24')).toMatchObject({ routed: true, missing: [] })
    const bastion = why('router/bastion', '10.48.0.0/16')
    expect(bastion.routed).toBe(false)
    expect(bastion.routes.map((r) => r.route.text)).toEqual(['10.48.2.216/29 via 10.0.1.31 dev ens5 proto bird'])
    expect(bastion.missing.map((m) => m.cidr)).toEqual(['10.48.0.0/26', '10.48.0.128/26', '10.48.0.192/26'])
  })

  it('does not count the default route as a route to an address', () => {
    const answer = why('router/bastion', '10.48.0.5')
    expect(answer).toMatchObject({ routed: false, routes: [] })
    expect(answer.routeGet).toContain('10.48.0.5 via 10.0.1.1 dev ens5')
  })

  it('says what it could not read', () => {
    expect(why('router/bastion', 'nginx')).toMatchObject({ queryKind: 'invalid', routed: false })
  })
})
