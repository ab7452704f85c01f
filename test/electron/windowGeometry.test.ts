import { describe, expect, it } from 'vitest'
import { designPathsIn } from '../../electron/main/launchArguments'
import { cascadeFrom, parseWindowState, placeOnScreen } from '../../electron/main/windowState'

describe('design files on a command line', () => {
  it('skips the executable (and the app folder in development), switches and files that are not designs', () => {
    expect(designPathsIn(['/opt/Peerlab/peerlab', '--no-sandbox', 'a.peerlab.yaml', 'b.yml', 'README.md'], '/home/u', true)).toEqual(['/home/u/a.peerlab.yaml', '/home/u/b.yml'])
    expect(designPathsIn(['/usr/bin/electron', '.', 'lab.yaml'], '/src/peerlab', false)).toEqual(['/src/peerlab/lab.yaml'])
  })

  it('keeps absolute paths, names each file once, and takes a file after -- even if it looks like a switch', () => {
    expect(designPathsIn(['peerlab', '/d/x.yaml', '/d/x.yaml', '--', '-odd.yaml'], '/w', true)).toEqual(['/d/x.yaml', '/w/-odd.yaml'])
  })
})

describe('window geometry', () => {
  const primary = { x: 0, y: 0, width: 1920, height: 1040 }
  const right = { x: 1920, y: 0, width: 1280, height: 1024 }

  it('centres a first window at the default size, shrunk onto a small display', () => {
    expect(placeOnScreen(undefined, [primary])).toEqual({ x: 320, y: 120, width: 1280, height: 800 })
    expect(placeOnScreen(undefined, [{ x: 0, y: 0, width: 1024, height: 700 }])).toEqual({ x: 0, y: 0, width: 1024, height: 700 })
  })

  it('keeps a window on the second display, and brings back one whose display is gone', () => {
    expect(placeOnScreen({ x: 2000, y: 50, width: 1000, height: 700 }, [primary, right])).toEqual({ x: 2000, y: 50, width: 1000, height: 700 })
    expect(placeOnScreen({ x: 2000, y: 50, width: 1000, height: 700 }, [primary])).toEqual({ x: 460, y: 170, width: 1000, height: 700 })
    // A title bar above the top of every display cannot be grabbed.
    expect(placeOnScreen({ x: 100, y: -500, width: 1000, height: 700 }, [primary])).toEqual({ x: 460, y: 170, width: 1000, height: 700 })
  })

  it('cascades new windows, wrapping back to the corner at the display edge', () => {
    expect(cascadeFrom({ x: 100, y: 100, width: 800, height: 600 }, primary)).toEqual({ x: 128, y: 128, width: 800, height: 600 })
    expect(cascadeFrom({ x: 1100, y: 420, width: 800, height: 600 }, primary)).toEqual({ x: 0, y: 0, width: 800, height: 600 })
  })

  it('reads no state from a damaged or foreign file', () => {
    expect(parseWindowState('{')).toBeUndefined()
    expect(parseWindowState(JSON.stringify({ version: 2, bounds: { x: 0, y: 0, width: 1, height: 1 } }))).toBeUndefined()
    expect(parseWindowState(JSON.stringify({ version: 1, bounds: { x: 0, y: 0, width: 'wide', height: 1 } }))).toBeUndefined()
    expect(parseWindowState(JSON.stringify({ version: 1, bounds: { x: 1, y: 2, width: 900, height: 600 }, maximized: 'yes' }))).toEqual({
      bounds: { x: 1, y: 2, width: 900, height: 600 },
      maximized: false,
    })
  })
})
