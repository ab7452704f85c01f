import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LabConsole } from '../../shared/console/labConsole'
import { loadDesign } from '../../shared/format/loadDesign'
import { displayName } from '../../shared/model/query'
import { actualRoutes, DESIGNS, expectedProtocols, expectedRoutes, protocols, start, UNAVAILABLE, type Running } from './birdLab'

/**
 * Runs each design in real BIRD 1.6 daemons, one network namespace per host (see birdLab.ts), and
 * compares every host's `ip -4 route` and every BGP protocol's state with what the engine computed.
 */
describe.each(DESIGNS)('%s, in real BIRD 1.6', (_, key, text) => {
  let running: Running | undefined

  beforeAll(() => {
    if (UNAVAILABLE === undefined) running = start(loadDesign(text()).design, key)
  })
  afterAll(() => running?.lab.tearDown())

  it('brings up the same BGP sessions as the engine', (context) => {
    if (!running) return context.skip(`real BIRD conformance skipped: ${UNAVAILABLE}`)
    console.info(`${key}: real BIRD converged in ${running.convergedMs} ms`)
    for (const host of running.sockets.keys()) expect(protocols(running, host), host).toEqual(expectedProtocols(running.network, host))
  })

  it('installs, line for line, the routes the engine computed on every host', (context) => {
    if (!running) return context.skip(`real BIRD conformance skipped: ${UNAVAILABLE}`)
    for (const host of running.sockets.keys()) expect(actualRoutes(running, host), host).toEqual(expectedRoutes(running.network, host))
  })

  it("answers `birdc show protocols` and `birdc show route` on outside routers as the real daemon does, times aside", (context) => {
    if (!running) return context.skip(`real BIRD conformance skipped: ${UNAVAILABLE}`)
    const routers = running.network.speakers.filter((s) => s.kind === 'router' && running?.sockets.has(s.id))
    // Times differ, and so may the order of a net's routes after its best one: BIRD lists them
    // newest first, and which session's route arrives first is a race between the daemons.
    const masked = (text: string): string => {
      const nets: string[][] = []
      for (const line of text.replace(/\d\d:\d\d:\d\d/g, 'HH:MM:SS').split('\n')) {
        if (line.startsWith(' ') && nets.length > 0) nets.at(-1)?.push(line)
        else nets.push([line])
      }
      return nets.map(([first, ...rest]) => [first, ...rest.sort()].join('\n')).join('\n')
    }
    for (const router of routers) {
      const console = new LabConsole(running.design)
      console.startOn(displayName(router.host))
      for (const command of ['show protocols', 'show route']) {
        const real = running.lab.birdc(running.keys.get(router.id) as string, running.sockets.get(router.id) as string, command)
        expect(masked(console.run(`sudo birdc ${command}`)[0]?.stdout ?? ''), `${router.host.name}: birdc ${command}`).toBe(masked(real))
      }
    }
  })
})
