/**
 * Runs `work` in a task of its own once the browser has drawn its next frame, or after `latestMs`
 * when no frame comes (a hidden window draws none). Where there are no frames at all (Node, in the
 * unit tests) it runs in a microtask.
 */
export function afterNextFrame(work: () => void, latestMs = 100): void {
  if (typeof requestAnimationFrame !== 'function') return queueMicrotask(work)
  let ran = false
  const once = (): void => {
    if (ran) return
    ran = true
    clearTimeout(fallback)
    work()
  }
  const fallback = setTimeout(once, latestMs)
  // A frame's callbacks run before it is painted; a task queued from one runs after.
  requestAnimationFrame(() => setTimeout(once))
}
