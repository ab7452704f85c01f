import type { Protocol } from 'electron'
import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, resolve } from 'node:path'
import { SECURITY_HEADERS } from './contentSecurity'

/**
 * The app's pages come from `app://peerlab/`, not `file://`: a file URL's origin is every file
 * on the disk, while this origin is the renderer's build output and nothing else (Electron
 * security checklist item 18).
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'peerlab'
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/**
 * Must run before the app is ready. Standard, so relative URLs and the page's storage work as on
 * the web; secure, so the page is a secure context; fetch and CORS mode, because Vite's module
 * scripts load in CORS mode (the responses carry no Access-Control-Allow-Origin, so no other
 * origin can read them).
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }])
}

/** Whether a URL is a page of the app itself. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === ''
  } catch {
    return false
  }
}

/**
 * The file inside `root` that an app URL names, or undefined for anything else: another host,
 * a path that leaves `root` (`..`, encoded or not, a backslash, an absolute path), a NUL byte.
 */
export function appFileOf(root: string, url: string): string | undefined {
  let pathname: string
  try {
    const parsed = new URL(url)
    if (!isAppUrl(url)) return undefined
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return undefined
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined
  const base = resolve(root)
  const file = resolve(base, join('.', pathname.endsWith('/') ? `${pathname}index.html` : pathname))
  const inside = relative(base, file)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined
  return file
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

/** Answers one request to the app's protocol from the renderer's build output. */
export async function serveAppFile(root: string, request: { url: string; method: string }): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: SECURITY_HEADERS })
  const file = appFileOf(root, request.url)
  if (file === undefined) return new Response(null, { status: 403, headers: SECURITY_HEADERS })
  try {
    const body = await readFile(file)
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' } })
  } catch {
    return new Response(null, { status: 404, headers: SECURITY_HEADERS })
  }
}

/** Serves the app's protocol from `root` (the renderer build output, inside app.asar when packaged). */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppFile(root, request))
}
