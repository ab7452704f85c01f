/** Quiet time after an edit before its work is kept: a drag's many small edits are kept once. */
export const AUTOSAVE_QUIET_MS = 300
/** Edits that never pause (a long drag) are still kept this often. */
export const AUTOSAVE_MAX_WAIT_MS = 2000
/** How long the write waits for the browser to be idle before it goes ahead anyway. */
export const AUTOSAVE_IDLE_TIMEOUT_MS = 500

export interface Clock {
  now(): number
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  /** Runs `run` when the browser is idle, and in any case within `timeout` milliseconds. */
  whenIdle(run: () => void, timeout: number): void
}

export const browserClock: Clock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  whenIdle: (run, timeout) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout })
    else setTimeout(run, 0)
  },
}

/**
 * When to keep unsaved work: after the edits pause for a moment, or every couple of seconds while
 * they do not, and then when the browser is idle, so writing out a large design does not land in
 * the middle of a gesture. Work edited at time t is kept by t + quiet + idle timeout + the write
 * itself: under a second on a design of thousands of hosts. One write at a time; edits made during
 * one are kept by the next.
 */
export function autosaveSchedule(write: () => Promise<void>, clock: Clock = browserClock): { edited(): void; dispose(): void } {
  let timer: unknown
  let firstEdit: number | undefined
  let busy = false
  let again = false
  let disposed = false

  const run = (): void => {
    timer = undefined
    firstEdit = undefined
    busy = true
    clock.whenIdle(() => {
      if (disposed) return
      void write()
        .catch(() => undefined)
        .finally(() => {
          busy = false
          if (again) {
            again = false
            edited()
          }
        })
    }, AUTOSAVE_IDLE_TIMEOUT_MS)
  }

  function edited(): void {
    if (disposed) return
    if (busy) {
      again = true
      return
    }
    const now = clock.now()
    firstEdit ??= now
    if (timer !== undefined) clock.clearTimeout(timer)
    timer = clock.setTimeout(run, Math.max(0, Math.min(AUTOSAVE_QUIET_MS, firstEdit + AUTOSAVE_MAX_WAIT_MS - now)))
  }

  return {
    edited,
    dispose: () => {
      disposed = true
      if (timer !== undefined) clock.clearTimeout(timer)
    },
  }
}
