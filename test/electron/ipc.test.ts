import { describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../shared/ipc/contract'
import { registerIpcHandlers, type IpcServices } from '../../electron/main/ipc'

type Handler = (event: unknown, ...args: unknown[]) => unknown

function setUp() {
  const handlers = new Map<string, Handler>()
  const services = {
    platform: vi.fn(() => ({ mode: 'desktop' as const, appVersion: '0.1.0' })),
    openDesign: vi.fn(async () => ({ status: 'cancelled' as const })),
    saveDesign: vi.fn(async () => ({ status: 'saved' as const, name: 'lab.yaml' })),
    isTrustedSender: (url: string) => url === 'file:///app/index.html',
  } satisfies IpcServices
  registerIpcHandlers({ handle: (channel: string, fn: Handler) => void handlers.set(channel, fn) } as never, services)
  const call = (channel: string, url: string, ...args: unknown[]) => handlers.get(channel)?.({ senderFrame: { url } }, ...args)
  return { handlers, services, call }
}

describe('IPC handlers', () => {
  it('registers every invokable channel of the bridge', () => {
    expect([...setUp().handlers.keys()].sort()).toEqual([CHANNELS.openDesign, CHANNELS.platform, CHANNELS.saveDesign].sort())
  })

  it('answer the app page', async () => {
    const { call, services } = setUp()
    expect(await call(CHANNELS.platform, 'file:///app/index.html')).toEqual({ mode: 'desktop', appVersion: '0.1.0' })
    await call(CHANNELS.saveDesign, 'file:///app/index.html', { text: 'a: 1\n', suggestedName: 'lab.yaml' })
    expect(services.saveDesign).toHaveBeenCalledWith({ text: 'a: 1\n', suggestedName: 'lab.yaml' })
  })

  it('reject any other sender before doing anything', () => {
    const { call, services } = setUp()
    expect(() => call(CHANNELS.openDesign, 'https://evil.example/')).toThrow(/untrusted page https:\/\/evil.example/)
    expect(() => call(CHANNELS.platform, '')).toThrow(/untrusted/)
    expect(services.openDesign).not.toHaveBeenCalled()
  })

  it.each([
    ['no payload', undefined],
    ['text is not a string', { text: 42, suggestedName: 'a.yaml' }],
    ['a name that is a path', { text: '', suggestedName: '../../.bashrc' }],
    ['an empty path', { text: '', suggestedName: 'a.yaml', path: '' }],
    ['an oversized text', { text: 'x'.repeat(32 * 1024 * 1024 + 1), suggestedName: 'a.yaml' }],
  ])('reject a malformed save request: %s', (_, payload) => {
    const { call, services } = setUp()
    expect(() => call(CHANNELS.saveDesign, 'file:///app/index.html', payload)).toThrow(/malformed save request/)
    expect(services.saveDesign).not.toHaveBeenCalled()
  })
})
