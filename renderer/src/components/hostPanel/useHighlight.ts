import { onScopeDispose } from 'vue'
import type { CanvasPlaces } from '../../../../shared/explain/routeProvenance'
import { useCanvasStore, type Highlight } from '../../stores/canvas'

/**
 * Lights places on the canvas for the panel that asks: a pinned highlight (a row opened, an
 * answer shown) and a passing one (a row under the pointer) that gives way back to the pinned one.
 * Whatever a panel lit goes out when the panel goes.
 */
export function useHighlight(): { pin(places: CanvasPlaces | undefined, tone?: Highlight['tone']): void; hover(places: CanvasPlaces | undefined, tone?: Highlight['tone']): void } {
  const canvas = useCanvasStore()
  let pinned: Highlight | undefined
  let mine: Highlight | undefined
  // A row that loses focus as the panel goes (Escape, another host) would light it again after it went out.
  let gone = false
  const show = (next: Highlight | undefined): void => {
    if (gone) return
    mine = next
    canvas.highlight = next
  }
  onScopeDispose(() => {
    gone = true
    if (canvas.highlight === mine) canvas.highlight = undefined
  })
  return {
    pin(places, tone = 'path') {
      pinned = places ? { places, tone } : undefined
      show(pinned)
    },
    hover(places, tone = 'path') {
      show(places ? { places, tone } : pinned)
    },
  }
}
