import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { stripVTControlCharacters } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/** An ephemeral loopback port that is free right now. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('npm run web -- --port N', () => {
  let child: ChildProcess
  let port: number
  let output = ''

  beforeAll(async () => {
    port = await freePort()
    child = spawn('npm', ['run', 'web', '--', '--port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    })
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const deadline = Date.now() + 60_000
    // Vite may still colour parts of the URL; compare without escape sequences.
    const plain = (): string => stripVTControlCharacters(output)
    while (!plain().includes(`http://127.0.0.1:${port}/`)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`browser mode did not start:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })

  afterAll(() => {
    // npm starts node as a child: end the whole process group.
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM')
  })

  it('serves the renderer on 127.0.0.1 at the requested port', async () => {
    const page = await fetch(`http://127.0.0.1:${port}/`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<div id="app"></div>')
    expect(html).toContain("script-src 'self'")
  })

  it('compiles the app and the bundled example on request', async () => {
    const main = await fetch(`http://127.0.0.1:${port}/src/main.ts`)
    expect(main.status).toBe(200)
    const example = await fetch(`http://127.0.0.1:${port}/@fs${process.cwd()}/examples/calico-lab-2.2.yaml?raw`)
    expect(example.status).toBe(200)
    expect(await example.text()).toContain('10.48.0.0/16')
  })

  it('refuses a port that is not a number', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const bad = spawn('node', ['scripts/web.mjs', '--port', 'eighty'], { stdio: ['ignore', 'ignore', 'pipe'] })
      let stderr = ''
      bad.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      bad.on('close', (code) => resolve({ code, stderr }))
    })
    expect(result).toEqual({ code: 2, stderr: expect.stringContaining('--port needs a number') })
  })
})
