/** A rectangle in model coordinates, by its edges. */
export interface Rect {
  readonly x1: number
  readonly y1: number
  readonly x2: number
  readonly y2: number
}

export interface Point {
  readonly x: number
  readonly y: number
}

export interface Size {
  readonly width: number
  readonly height: number
}

export interface PlaceOptions {
  /**
   * Where new things should be seen: the part of the view no panel covers. A spot wholly inside it
   * wins over a nearer one that is not; only when nothing fits inside does placing go beyond it.
   */
  readonly within?: Rect
  /** Clear room kept between a new thing and anything else, new things included. */
  readonly gap?: number
  /** Spacing of the candidate spots: centres land on multiples of it, so they line up with the canvas grid. */
  readonly step?: number
}

const DEFAULT_GAP = 20
const DEFAULT_STEP = 20

/** Whether two rectangles share area; touching edges is not overlapping. */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2
}

function boxAt(centre: Point, size: Size, margin: number): Rect {
  return { x1: centre.x - size.width / 2 - margin, y1: centre.y - size.height / 2 - margin, x2: centre.x + size.width / 2 + margin, y2: centre.y + size.height / 2 + margin }
}

function inside(inner: Rect, outer: Rect): boolean {
  return inner.x1 >= outer.x1 && inner.x2 <= outer.x2 && inner.y1 >= outer.y1 && inner.y2 <= outer.y2
}

/**
 * Candidate centres on the grid, ring by ring outwards from `near` (nearest first within a ring),
 * until a ring lies wholly beyond every obstacle, where any spot is free.
 */
function* candidates(near: Point, step: number, reach: number): Generator<Point> {
  const cx = Math.round(near.x / step)
  const cy = Math.round(near.y / step)
  const rings = Math.ceil(reach / step) + 1
  for (let ring = 0; ring <= rings; ring++) {
    const spots: Point[] = []
    for (let i = -ring; i <= ring; i++) {
      spots.push({ x: (cx + i) * step, y: (cy - ring) * step })
      if (ring > 0) spots.push({ x: (cx + i) * step, y: (cy + ring) * step })
    }
    for (let j = -ring + 1; j <= ring - 1; j++) {
      spots.push({ x: (cx - ring) * step, y: (cy + j) * step })
      spots.push({ x: (cx + ring) * step, y: (cy + j) * step })
    }
    spots.sort((a, b) => Math.hypot(a.x - near.x, a.y - near.y) - Math.hypot(b.x - near.x, b.y - near.y))
    yield* spots
  }
}

/** How far from `near` a spot must be to be clear of every box whatever its size. */
function reachOf(near: Point, boxes: readonly Rect[], size: Size, within: Rect | undefined): number {
  let reach = Math.max(size.width, size.height)
  for (const b of [...boxes, ...(within ? [within] : [])]) reach = Math.max(reach, Math.abs(b.x1 - near.x), Math.abs(b.x2 - near.x), Math.abs(b.y1 - near.y), Math.abs(b.y2 - near.y))
  return reach + Math.max(size.width, size.height)
}

/**
 * Centres for new things of the given sizes, each as near `near` as it can be without covering
 * anything in `avoid` (elements and their labels, panels over the view) or another new thing,
 * `gap` apart. Spots inside `within` (the visible, uncovered view) come before nearer ones outside it.
 * Pure geometry: the canvas passes what it measured, and blueprints placing several things at once
 * pass them all in one call so they do not land on each other.
 */
export function placeNear(sizes: readonly Size[], near: Point, avoid: readonly Rect[], options: PlaceOptions = {}): Point[] {
  const gap = options.gap ?? DEFAULT_GAP
  const step = options.step ?? DEFAULT_STEP
  const taken: Rect[] = [...avoid]
  return sizes.map((size) => {
    const spot = firstFree(size, near, taken, gap, step, options.within)
    taken.push(boxAt(spot, size, 0))
    return spot
  })
}

function firstFree(size: Size, near: Point, taken: readonly Rect[], gap: number, step: number, within: Rect | undefined): Point {
  const free = (centre: Point): boolean => {
    const box = boxAt(centre, size, gap)
    return !taken.some((t) => overlaps(box, t))
  }
  // Past this distance from `near` no spot lies inside `within`: the nearest free one outside it will do.
  const withinReach = within && canFit(size, within) ? reachOf(near, [], size, within) : 0
  let outside: Point | undefined
  for (const centre of candidates(near, step, reachOf(near, taken, size, within))) {
    if (outside && Math.max(Math.abs(centre.x - near.x), Math.abs(centre.y - near.y)) > withinReach) return outside
    const fits = !within || inside(boxAt(centre, size, 0), within)
    if (!fits && outside) continue
    if (free(centre)) {
      if (fits) return centre
      outside = centre
    }
  }
  // The last ring is beyond every obstacle, so a free spot was always found before here.
  return outside ?? near
}

/** Whether `within` is big enough for the size at all: if not, the nearest free spot anywhere will do. */
function canFit(size: Size, within: Rect): boolean {
  return within.x2 - within.x1 >= size.width && within.y2 - within.y1 >= size.height
}
