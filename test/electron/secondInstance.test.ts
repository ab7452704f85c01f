import { describe, expect, it, vi } from 'vitest'
import type { createElectronMock } from './electronMock'

const electron = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof createElectronMock> }))
vi.mock('electron', async () => {
  const { createElectronMock } = await import('./electronMock')
  electron.current = createElectronMock()
  // Another Peerlab already runs and holds the lock.
  electron.current.module.app.requestSingleInstanceLock.mockReturnValue(false)
  return electron.current.module
})

describe('a second launch while Peerlab runs', () => {
  it('quits at once, leaving its files to the first instance, and opens nothing itself', async () => {
    await import('../../electron/main/index')
    expect(electron.current.module.app.quit).toHaveBeenCalledOnce()
    expect(electron.current.module.app.whenReady).not.toHaveBeenCalled()
    expect(electron.current.module.app.on).not.toHaveBeenCalled()
    expect(electron.current.windows).toHaveLength(0)
  })
})
