import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../shared/ipc/contract'
import { APP_ENTRY_URL } from '../../electron/main/appProtocol'
import type { createElectronMock } from './electronMock'

const electron = vi.hoisted(() => ({ current: undefined as unknown as ReturnType<typeof createElectronMock> }))
vi.mock('electron', async () => {
  const { createElectronMock } = await import('./electronMock')
  electron.current = createElectronMock()
  return electron.current.module
})

const { startApp } = await import('../../electron/main/index')
const page = { senderFrame: { url: APP_ENTRY_URL } }
const invoke = (channel: string, ...args: unknown[]) => electron.current.handlers.get(channel)?.(page, ...args)

let userData: string
beforeEach(async () => {
  userData = await mkdtemp(join(tmpdir(), 'peerlab-restart-'))
  electron.current.module.app.getPath.mockReturnValue(userData)
})
afterEach(async () => {
  await rm(userData, { recursive: true, force: true })
})

describe('unsaved work across a crash of the desktop app', () => {
  it('is kept under user data, and once restored in a new session it saves to its file again', async () => {
    const design = join(userData, 'lab.yaml')
    await writeFile(design, 'kind: Cluster\n')
    startApp()
    electron.current.module.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [design] })
    expect(await invoke(CHANNELS.openDesign)).toMatchObject({ status: 'opened' })
    const work = { file: { name: 'lab.yaml', path: design, text: 'kind: Cluster\n' }, text: 'kind: Cluster # edited\n', savedAt: new Date().toISOString() }
    expect(await invoke(CHANNELS.writeAutosave, work)).toEqual({ status: 'kept' })
    expect(JSON.parse(await readFile(join(userData, 'unsaved-work.json'), 'utf8')).work).toEqual(work)

    // The process dies; a new one starts with nothing granted.
    startApp()
    const save = { text: work.text, path: design, suggestedName: 'lab.yaml' }
    expect(await invoke(CHANNELS.saveDesign, save)).toMatchObject({ status: 'failed', message: expect.stringMatching(/^Refusing to write/) })
    expect(await invoke(CHANNELS.readAutosave)).toEqual(work)
    expect(await invoke(CHANNELS.restoreAutosave)).toEqual(work)
    expect(await invoke(CHANNELS.saveDesign, save)).toEqual({ status: 'saved', name: 'lab.yaml', path: design })
    expect(await readFile(design, 'utf8')).toBe('kind: Cluster # edited\n')
    await invoke(CHANNELS.clearAutosave)
    expect(await invoke(CHANNELS.readAutosave)).toBeUndefined()
  })

  it('does not make a path writable that the page wrote into the kept work itself', async () => {
    const victim = join(userData, 'authorized_keys')
    await writeFile(victim, 'ssh-ed25519 AAAA mine\n')
    startApp()
    const forged = { file: { name: 'keys.yaml', path: victim, text: 'ssh-ed25519 AAAA mine\n' }, text: 'ssh-ed25519 AAAA theirs\n', savedAt: new Date().toISOString() }
    expect(await invoke(CHANNELS.writeAutosave, forged)).toEqual({ status: 'kept' })
    startApp()
    expect(await invoke(CHANNELS.restoreAutosave)).toEqual({ ...forged, file: { name: 'keys.yaml', text: forged.file.text } })
    expect(await invoke(CHANNELS.saveDesign, { text: forged.text, path: victim, suggestedName: 'keys.yaml' })).toMatchObject({ status: 'failed' })
    expect(await readFile(victim, 'utf8')).toBe('ssh-ed25519 AAAA mine\n')
  })
})
