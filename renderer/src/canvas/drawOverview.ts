import type { OverviewHost, OverviewScene } from '../../../shared/topology/overviewScene'
import { toOverview, type OverviewTransform } from '../../../shared/topology/overviewTransform'
import { ROLE_COLOURS, SESSION_COLOURS, SESSION_DOWN_COLOUR, THEMES, type Theme } from './canvasStyle'
import { arcOf } from './patchElements'

/** Below this many pixels a host is a dot, drawn square: rounding its corners would only cost time. */
const ROUNDED_FROM = 6

/** A shape's size on the overview, never smaller than a visible speck, and whether it is big enough for rounded corners. */
function drawnSize(width: number, height: number): { w: number; h: number; rounded: boolean } {
  const w = Math.max(1.5, width)
  const h = Math.max(1.5, height)
  return { w, h, rounded: w >= ROUNDED_FROM && h >= ROUNDED_FROM }
}

/** Adds a rectangle centred on (x, y) to a path. */
function addBox(path: Path2D, x: number, y: number, width: number, height: number): void {
  const { w, h, rounded } = drawnSize(width, height)
  if (rounded) path.roundRect(x - w / 2, y - h / 2, w, h, Math.min(3, h / 4))
  else path.rect(x - w / 2, y - h / 2, w, h)
}

/**
 * Paints a scene the way the canvas looks, in miniature: segments behind, sessions over them and
 * hosts on top. The colour is set once per kind, not per shape: at 5,000 hosts this takes about a
 * millisecond.
 */
export function drawOverview(context: CanvasRenderingContext2D, scene: OverviewScene, t: OverviewTransform, theme: Theme): void {
  const colours = THEMES[theme]
  const segments = new Path2D()
  for (const box of scene.segments) {
    const at = toOverview(t, box)
    addBox(segments, at.x, at.y, box.width * t.scale, box.height * t.scale)
  }
  context.fillStyle = colours.segment
  context.fill(segments)
  context.lineWidth = 1
  context.strokeStyle = colours.segmentBorder
  context.stroke(segments)

  // Keyed by colour and width: a bundle of sessions is drawn thicker, as on the canvas.
  const sessions = new Map<string, { colour: string; width: number; path: Path2D }>()
  for (const session of scene.sessions) {
    const colour = session.state === 'down' ? SESSION_DOWN_COLOUR : SESSION_COLOURS[session.kind]
    const width = session.bundle ? 2 : 1
    let group = sessions.get(`${colour} ${width}`)
    if (!group) sessions.set(`${colour} ${width}`, (group = { colour, width, path: new Path2D() }))
    const from = toOverview(t, session.from)
    const to = toOverview(t, session.to)
    group.path.moveTo(from.x, from.y)
    if (session.bundle) {
      group.path.lineTo(to.x, to.y)
      continue
    }
    // The same arc the canvas bends the session by, as a quadratic curve's control point off its middle.
    const length = Math.hypot(to.x - from.x, to.y - from.y)
    const bend = length > 0 ? (arcOf(session.from, session.to) * t.scale) / length : 0
    group.path.quadraticCurveTo((from.x + to.x) / 2 - bend * (to.y - from.y), (from.y + to.y) / 2 + bend * (to.x - from.x), to.x, to.y)
  }
  context.globalAlpha = 0.7
  for (const { colour, width, path } of sessions.values()) {
    context.strokeStyle = colour
    context.lineWidth = width
    context.stroke(path)
  }
  context.globalAlpha = 1

  // Most hosts of a large design are specks: filling their rectangles one by one is far cheaper than one path of thousands (20 ms at 5,000).
  const byColour = new Map<string, OverviewHost[]>()
  for (const host of scene.hosts) {
    const colour = host.kind === 'mesh' ? SESSION_COLOURS.mesh : ROLE_COLOURS[host.kind]
    const group = byColour.get(colour)
    if (group) group.push(host)
    else byColour.set(colour, [host])
  }
  for (const [colour, hosts] of byColour) {
    context.fillStyle = colour
    for (const host of hosts) {
      const at = toOverview(t, host)
      const { w, h, rounded } = drawnSize(host.width * t.scale, host.height * t.scale)
      if (!rounded) {
        context.fillRect(at.x - w / 2, at.y - h / 2, w, h)
        continue
      }
      context.beginPath()
      if (host.kind === 'mesh') context.ellipse(at.x, at.y, w / 2, h / 2, 0, 0, 2 * Math.PI)
      else context.roundRect(at.x - w / 2, at.y - h / 2, w, h, Math.min(3, h / 4))
      context.fill()
    }
  }
}
