import type { Core } from 'cytoscape'
import { HOST_FONT_SIZE, MIN_DRAWN_FONT_SIZE } from './canvasStyle'

/** The zoom from which Cytoscape draws a host label at all: below it a label costs its measuring and gives nothing to read. */
export const READABLE_ZOOM = MIN_DRAWN_FONT_SIZE / HOST_FONT_SIZE
/** How far beyond the view labels are kept ready, as a share of its size, so a short pan shows them at once. */
const MARGIN = 0.5
const SETTLE_MS = 80

/**
 * On a large canvas hosts and sessions carry their label only while it can be read: zoomed in, and
 * in or near the view (a session by its midpoint). Cytoscape measures every label it is given,
 * drawn or not: on a thousand hosts that measuring was a third of the time to first draw the
 * design, and on five thousand measuring the sessions' labels took some 20 ms of the frame that
 * first draws them.
 * Returns the function that stops it; `refresh` is called after the elements change.
 */
export function bindLabelDetail(cy: Core, isLarge: () => boolean): { refresh(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined
  // Only this function labels hosts (a host added later comes without the class): while it has
  // labelled none, zoomed out, an edit need not look through thousands of hosts for labels to take off.
  let anyLabelled = false
  const refresh = (): void => {
    if (!isLarge() || cy.zoom() < READABLE_ZOOM) {
      if (anyLabelled) cy.elements('.labelled').removeClass('labelled')
      anyLabelled = false
      return
    }
    const labelled = cy.elements('.labelled')
    const view = cy.extent()
    const dx = view.w * MARGIN
    const dy = view.h * MARGIN
    const isNear = (x: number, y: number): boolean => x >= view.x1 - dx && x <= view.x2 + dx && y >= view.y1 - dy && y <= view.y2 + dy
    const hosts = cy.nodes('[kind != "segment"]').filter((node) => isNear(node.position().x, node.position().y))
    const sessions = cy.edges().filter((edge) => {
      const a = edge.source().position()
      const b = edge.target().position()
      return isNear((a.x + b.x) / 2, (a.y + b.y) / 2)
    })
    const near = hosts.union(sessions)
    cy.batch(() => {
      labelled.difference(near).removeClass('labelled')
      near.difference(labelled).addClass('labelled')
    })
    anyLabelled = near.nonempty()
  }
  const later = (): void => {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      refresh()
    }, SETTLE_MS)
  }
  // A canvas made larger (a panel closed) shows more of the design without a viewport event.
  cy.on('viewport resize', later)
  return {
    refresh,
    stop: () => {
      if (timer !== undefined) clearTimeout(timer)
      cy.off('viewport resize', later)
    },
  }
}
