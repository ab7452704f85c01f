import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AUTOSAVE_IDLE_TIMEOUT_MS, AUTOSAVE_MAX_WAIT_MS, AUTOSAVE_QUIET_MS, autosaveSchedule, type Clock } from '../../renderer/src/platform/autosaveSchedule'

/** Fake timers, and a browser that is never idle: every write waits the whole idle timeout. */
const busyBrowser: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  whenIdle: (run, timeout) => void setTimeout(run, timeout),
}

describe('when unsaved work is kept', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('within a second of the last edit, even on a browser that is never idle', async () => {
    const write = vi.fn(async () => undefined)
    const schedule = autosaveSchedule(write, busyBrowser)
    schedule.edited()
    await vi.advanceTimersByTimeAsync(AUTOSAVE_QUIET_MS + AUTOSAVE_IDLE_TIMEOUT_MS - 1)
    expect(write).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(write).toHaveBeenCalledOnce()
    expect(AUTOSAVE_QUIET_MS + AUTOSAVE_IDLE_TIMEOUT_MS).toBeLessThanOrEqual(1000)
  })

  it('once for a burst of edits, and at least every couple of seconds while the edits never pause', async () => {
    const write = vi.fn(async () => undefined)
    const schedule = autosaveSchedule(write, busyBrowser)
    for (let ms = 0; ms < 5000; ms += 50) {
      schedule.edited()
      await vi.advanceTimersByTimeAsync(50)
    }
    // A 5-second drag: kept every MAX_WAIT + idle timeout, not once at the end.
    expect(write.mock.calls.length).toBeGreaterThanOrEqual(Math.floor(5000 / (AUTOSAVE_MAX_WAIT_MS + AUTOSAVE_IDLE_TIMEOUT_MS)))
    const during = write.mock.calls.length
    await vi.advanceTimersByTimeAsync(AUTOSAVE_QUIET_MS + AUTOSAVE_IDLE_TIMEOUT_MS)
    expect(write.mock.calls.length).toBe(during + 1)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(write.mock.calls.length).toBe(during + 1)
  })

  it('one write at a time: an edit during a slow write is kept by the next one', async () => {
    let finish: () => void = () => undefined
    const write = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)))
    const schedule = autosaveSchedule(write, busyBrowser)
    schedule.edited()
    await vi.advanceTimersByTimeAsync(AUTOSAVE_QUIET_MS + AUTOSAVE_IDLE_TIMEOUT_MS)
    schedule.edited()
    await vi.advanceTimersByTimeAsync(5000)
    expect(write).toHaveBeenCalledOnce()
    finish()
    await vi.advanceTimersByTimeAsync(AUTOSAVE_QUIET_MS + AUTOSAVE_IDLE_TIMEOUT_MS)
    expect(write).toHaveBeenCalledTimes(2)
  })

  it('a failed write does not stop the next', async () => {
    const write = vi.fn().mockRejectedValueOnce(new Error('disk full')).mockResolvedValue(undefined)
    const schedule = autosaveSchedule(write, busyBrowser)
    schedule.edited()
    await vi.advanceTimersByTimeAsync(1000)
    schedule.edited()
    await vi.advanceTimersByTimeAsync(1000)
    expect(write).toHaveBeenCalledTimes(2)
  })

  it('nothing once disposed', async () => {
    const write = vi.fn(async () => undefined)
    const schedule = autosaveSchedule(write, busyBrowser)
    schedule.edited()
    schedule.dispose()
    schedule.edited()
    await vi.advanceTimersByTimeAsync(5000)
    expect(write).not.toHaveBeenCalled()
  })
})
