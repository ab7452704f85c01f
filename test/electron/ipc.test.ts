import { describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../shared/ipc/contract'
import { registerIpcHandlers, type IpcServices } from '../../electron/main/ipc'

type Handler = (event: unknown, ...args: unknown[]) => unknown

/** The webContents id of the window that asks. */
const WINDOW = 7
const WORK = { file: { name: 'lab.yaml', path: '/d/lab.yaml', text: 'a: 1\n' }, text: 'a: 2\n', savedAt: '2026-01-02T03:04:05.000Z' }

function setUp() {
  const handlers = new Map<string, Handler>()
  const services = {
    platform: vi.fn(() => ({ mode: 'desktop' as const, appVersion: '0.1.0' })),
    openDesign: vi.fn(async () => ({ status: 'cancelled' as const })),
    saveDesign: vi.fn(async () => ({ status: 'saved' as const, name: 'lab.yaml' })),
    recentFiles: vi.fn(async () => [{ id: '/d/lab.yaml', name: 'lab.yaml', path: '/d/lab.yaml' }]),
    openRecent: vi.fn(async (path: string) => ({ status: 'opened' as const, file: { name: 'lab.yaml', path, text: '' } })),
    clearRecentFiles: vi.fn(async () => undefined),
    readAutosave: vi.fn(async () => undefined),
    writeAutosave: vi.fn(async () => ({ status: 'kept' as const })),
    clearAutosave: vi.fn(async () => undefined),
    restoreAutosave: vi.fn(async () => undefined),
    launchDesign: vi.fn(async () => undefined),
    saveExport: vi.fn(async () => ({ status: 'saved' as const, where: '/d/lab.svg' })),
    isTrustedSender: (url: string) => url === 'file:///app/index.html',
  } satisfies IpcServices
  registerIpcHandlers({ handle: (channel: string, fn: Handler) => void handlers.set(channel, fn) } as never, services)
  const call = (channel: string, url: string, ...args: unknown[]) => handlers.get(channel)?.({ senderFrame: { url }, sender: { id: WINDOW } }, ...args)
  return { handlers, services, call }
}

describe('IPC handlers', () => {
  it('registers every invokable channel of the bridge', () => {
    const invokable = Object.values(CHANNELS).filter((c) => c !== CHANNELS.menuCommand && c !== CHANNELS.menuOpenRecent)
    expect([...setUp().handlers.keys()].sort()).toEqual(invokable.sort())
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
    expect(() => call(CHANNELS.recentFiles, 'https://evil.example/')).toThrow(/untrusted/)
    expect(() => call(CHANNELS.openRecent, 'https://evil.example/', '/d/lab.yaml')).toThrow(/untrusted/)
    expect(() => call(CHANNELS.clearRecentFiles, 'https://evil.example/')).toThrow(/untrusted/)
    for (const channel of [CHANNELS.readAutosave, CHANNELS.clearAutosave, CHANNELS.restoreAutosave]) expect(() => call(channel, 'https://evil.example/')).toThrow(/untrusted/)
    expect(() => call(CHANNELS.writeAutosave, 'https://evil.example/', WORK)).toThrow(/untrusted/)
    expect(services.writeAutosave).not.toHaveBeenCalled()
    expect(services.restoreAutosave).not.toHaveBeenCalled()
    expect(services.openDesign).not.toHaveBeenCalled()
    expect(services.recentFiles).not.toHaveBeenCalled()
    expect(services.openRecent).not.toHaveBeenCalled()
    expect(services.clearRecentFiles).not.toHaveBeenCalled()
  })

  it('save an export for the app page, refusing a file name that is a path and passing on only the contract’s fields', async () => {
    const { call, services } = setUp()
    const file = { name: 'lab.svg', data: '<svg/>', encoding: 'utf8' }
    expect(await call(CHANNELS.saveExport, 'file:///app/index.html', { files: [{ ...file, extra: 'x' }] })).toEqual({ status: 'saved', where: '/d/lab.svg' })
    expect(services.saveExport).toHaveBeenCalledWith({ files: [file] })
    for (const name of ['../x', 'a/b', '..', '']) expect(() => call(CHANNELS.saveExport, 'file:///app/index.html', { files: [{ ...file, name }] }), name).toThrow(/malformed export/)
    expect(() => call(CHANNELS.saveExport, 'file:///app/index.html', { files: [file, file] })).toThrow(/malformed export/)
    expect(() => call(CHANNELS.saveExport, 'file:///app/index.html', { files: [{ ...file, encoding: 'hex' }] })).toThrow(/malformed export/)
    expect(() => call(CHANNELS.saveExport, 'https://evil.example/', { files: [file] })).toThrow(/untrusted/)
    expect(services.saveExport).toHaveBeenCalledOnce()
  })

  it('list, open and clear the recent files for the app page', async () => {
    const { call, services } = setUp()
    expect(await call(CHANNELS.recentFiles, 'file:///app/index.html')).toEqual([{ id: '/d/lab.yaml', name: 'lab.yaml', path: '/d/lab.yaml' }])
    expect(await call(CHANNELS.openRecent, 'file:///app/index.html', '/d/lab.yaml')).toMatchObject({ status: 'opened' })
    expect(services.openRecent).toHaveBeenCalledWith('/d/lab.yaml')
    await call(CHANNELS.clearRecentFiles, 'file:///app/index.html')
    expect(services.clearRecentFiles).toHaveBeenCalledOnce()
  })

  it('keep, read, restore and clear unsaved work for the app page, passing on only the fields of the contract', async () => {
    const { call, services } = setUp()
    expect(await call(CHANNELS.writeAutosave, 'file:///app/index.html', { ...WORK, file: { ...WORK.file, extra: 'x' }, script: 'x' })).toEqual({ status: 'kept' })
    expect(services.writeAutosave).toHaveBeenCalledWith(WORK, WINDOW)
    await call(CHANNELS.readAutosave, 'file:///app/index.html')
    await call(CHANNELS.restoreAutosave, 'file:///app/index.html')
    await call(CHANNELS.clearAutosave, 'file:///app/index.html')
    // Each window keeps its own work: the services are told which window asked.
    expect([services.readAutosave, services.restoreAutosave, services.clearAutosave].map((f) => f.mock.calls)).toEqual([[[WINDOW]], [[WINDOW]], [[WINDOW]]])
  })

  it('hand a window the file it was opened for, and only to the app page', async () => {
    const { call, services } = setUp()
    services.launchDesign.mockResolvedValueOnce({ status: 'opened', file: { name: 'rack.yaml', path: '/d/rack.yaml', text: '' } } as never)
    expect(await call(CHANNELS.launchDesign, 'file:///app/index.html')).toMatchObject({ status: 'opened' })
    expect(services.launchDesign).toHaveBeenCalledWith(WINDOW)
    expect(() => call(CHANNELS.launchDesign, 'https://evil.example/')).toThrow(/untrusted/)
    expect(services.launchDesign).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['no payload', undefined],
    ['no file', { text: '', savedAt: WORK.savedAt }],
    ['a file name that is a path', { ...WORK, file: { name: '../x.yaml', text: '' } }],
    ['a path with a NUL byte', { ...WORK, file: { ...WORK.file, path: '/d/a\0' } }],
    ['a time that is not one', { ...WORK, savedAt: 'yesterday' }],
    ['an oversized text', { ...WORK, text: 'x'.repeat(32 * 1024 * 1024 + 1) }],
  ])('reject malformed work to keep: %s', (_, payload) => {
    const { call, services } = setUp()
    expect(() => call(CHANNELS.writeAutosave, 'file:///app/index.html', payload)).toThrow(/malformed work/)
    expect(services.writeAutosave).not.toHaveBeenCalled()
  })

  it.each([
    ['no payload', undefined],
    ['a number', 7],
    ['an object', { path: '/d/lab.yaml' }],
    ['an empty path', ''],
    ['a path with a NUL byte', '/d/lab.yaml\0.png'],
    ['an oversized path', `/${'x'.repeat(4096)}`],
  ])('reject a malformed recent file to open: %s', (_, payload) => {
    const { call, services } = setUp()
    expect(() => call(CHANNELS.openRecent, 'file:///app/index.html', payload)).toThrow(/malformed recent file/)
    expect(services.openRecent).not.toHaveBeenCalled()
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
