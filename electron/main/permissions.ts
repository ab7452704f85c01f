import type { Session } from 'electron'

/**
 * The app needs no web permission: no camera, microphone, location, notifications, clipboard
 * reads, MIDI, USB, HID or serial devices, and no fullscreen request from the page (the View
 * menu's full screen is the window's, not the page's). Everything asked or checked is refused,
 * so a compromised page cannot get any of them.
 */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}
