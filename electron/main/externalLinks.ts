import type { Shell } from 'electron'

/**
 * Sites the app may send the user to in their browser: the documentation its help would cite.
 * The app links to none of them today; the list is here so that a link added later goes through
 * it, and a page that somehow asks for another URL (a phishing page, a `file:` or custom-scheme
 * URL that launches a program) is refused rather than handed to the system.
 */
export const EXTERNAL_ORIGINS: readonly string[] = ['https://docs.tigera.io', 'https://kubernetes.io']

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && EXTERNAL_ORIGINS.includes(parsed.origin)
  } catch {
    return false
  }
}

/** Opens an allowed URL in the user's browser; returns whether it did. */
export function openExternalIfAllowed(shell: Pick<Shell, 'openExternal'>, url: string): boolean {
  if (!isAllowedExternalUrl(url)) return false
  void shell.openExternal(url)
  return true
}
