import type { DesktopBridge } from '../../../shared/ipc/contract'
import { createBrowserBridge } from './browserBridge'

let bridge: DesktopBridge | undefined

/** The one way the renderer reaches the desktop: the preload's bridge in Electron, a browser stand-in otherwise. */
export function desktop(): DesktopBridge {
  bridge ??= window.desktop ?? createBrowserBridge(__PEERLAB_VERSION__)
  return bridge
}
