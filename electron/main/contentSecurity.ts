import type { Session } from 'electron'

/**
 * The renderer's Content Security Policy, the same as the meta tag in `renderer/index.html` (a
 * test keeps the two equal): scripts only from the app itself, styles inline too because Vue and
 * Cytoscape set them at run time, workers (the analysis) only from the app, no frames, no plugins, no forms.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"

/**
 * As a response header the policy holds from the first byte, before any meta tag is parsed, and
 * can say what a meta tag cannot: that no page may frame the app.
 */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`

/** Headers every response to the app carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
  'X-Content-Type-Options': 'nosniff',
}

/** Replaces any policy a response brought (the dev server's, say) with the app's. */
export function withSecurityHeaders(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const kept = Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !(name.toLowerCase() in LOWER_CASE_NAMES)))
  return { ...kept, ...Object.fromEntries(Object.entries(SECURITY_HEADERS).map(([name, value]) => [name, [value]])) }
}
const LOWER_CASE_NAMES = Object.fromEntries(Object.keys(SECURITY_HEADERS).map((name) => [name.toLowerCase(), true]))

/** Every response in the session gets the headers: the app's own protocol, and the dev server in development. */
export function installSecurityHeaders(session: Pick<Session, 'webRequest'>): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) })
  })
}
