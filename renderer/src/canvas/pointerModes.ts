import type { Core } from 'cytoscape'

/**
 * What a drag on the empty canvas does, as in drawing editors: with the select tool it draws a
 * box that selects the hosts and segments inside it (Shift or Ctrl adds them to the selection);
 * held Space or the middle button pans instead; with the peering tool it does neither, as the
 * drag draws a peering. `apply` sets the canvas for the tool in use; `stop` removes every listener.
 */
export function bindPointerModes(cy: Core, container: HTMLElement, isPeering: () => boolean): { apply(): void; stop(): void } {
  let spaceHeld = false
  let middlePan: { x: number; y: number; pan: { x: number; y: number } } | undefined

  const apply = (): void => {
    const peering = isPeering()
    cy.userPanningEnabled(spaceHeld)
    cy.boxSelectionEnabled(!peering && !spaceHeld)
    cy.autoungrabify(peering || spaceHeld)
    container.style.cursor = spaceHeld ? 'grab' : ''
  }

  // Sessions between boxed hosts are not what a box is drawn for; a click still selects one.
  const dropEdges = (event: { target: { unselect(): void } }): void => event.target.unselect()

  /** Space pans only where it would do nothing else: not in a field, not on a button it would press. */
  const spaceIsFree = (event: KeyboardEvent): boolean => event.key === ' ' && (event.target === document.body || (event.target instanceof Node && container.contains(event.target)))
  const onKeyDown = (event: KeyboardEvent): void => {
    if (!spaceIsFree(event) || event.repeat) return
    event.preventDefault()
    spaceHeld = true
    apply()
  }
  const onKeyUp = (event: KeyboardEvent): void => {
    if (event.key !== ' ' || !spaceHeld) return
    spaceHeld = false
    apply()
  }
  const onBlur = (): void => {
    if (!spaceHeld) return
    spaceHeld = false
    apply()
  }

  const onMouseDown = (event: MouseEvent): void => {
    if (event.button !== 1) return
    event.preventDefault()
    middlePan = { x: event.clientX, y: event.clientY, pan: { ...cy.pan() } }
  }
  const onMouseMove = (event: MouseEvent): void => {
    if (!middlePan) return
    cy.pan({ x: middlePan.pan.x + event.clientX - middlePan.x, y: middlePan.pan.y + event.clientY - middlePan.y })
  }
  const onMouseUp = (event: MouseEvent): void => {
    if (event.button === 1) middlePan = undefined
  }

  cy.on('boxselect', 'edge', dropEdges)
  container.addEventListener('mousedown', onMouseDown)
  window.addEventListener('mousemove', onMouseMove)
  window.addEventListener('mouseup', onMouseUp)
  window.addEventListener('keydown', onKeyDown)
  window.addEventListener('keyup', onKeyUp)
  window.addEventListener('blur', onBlur)
  apply()
  return {
    apply,
    stop: () => {
      cy.off('boxselect', 'edge', dropEdges)
      container.removeEventListener('mousedown', onMouseDown)
      window.removeEventListener('mousemove', onMouseMove)
      window.removeEventListener('mouseup', onMouseUp)
      window.removeEventListener('keydown', onKeyDown)
      window.removeEventListener('keyup', onKeyUp)
      window.removeEventListener('blur', onBlur)
    },
  }
}
