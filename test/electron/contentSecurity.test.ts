import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER, installSecurityHeaders, withSecurityHeaders } from '../../electron/main/contentSecurity'

describe('the content security policy', () => {
  it('is the same in the page’s meta tag and in the response header, which also forbids framing', () => {
    const html = readFileSync(resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY_HEADER).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`)
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';")
    // The analysis runs in a module worker loaded from the app, and from nowhere else.
    expect(CONTENT_SECURITY_POLICY).toContain("worker-src 'self';")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/)
  })

  it('replaces whatever policy a response brought, in any letter case, and keeps its other headers', () => {
    const headers = withSecurityHeaders({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] })
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER], 'X-Content-Type-Options': ['nosniff'] })
    expect(withSecurityHeaders(undefined)['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY_HEADER])
  })

  it('is set on every response of the session', () => {
    let listener: ((details: { responseHeaders?: Record<string, string[]> }, callback: (r: unknown) => void) => void) | undefined
    installSecurityHeaders({ webRequest: { onHeadersReceived: (l: typeof listener) => (listener = l) } } as never)
    const callback = vi.fn()
    listener?.({ responseHeaders: { 'content-type': ['text/html'] } }, callback)
    expect(callback).toHaveBeenCalledWith({ responseHeaders: expect.objectContaining({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER] }) })
  })
})
