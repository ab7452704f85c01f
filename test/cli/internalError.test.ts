import { afterEach, describe, expect, it, vi } from 'vitest'
import { run } from './cliHarness'

// A bug anywhere below a command, planted where every computing command passes.
vi.mock('../../shared/validate/checkBundle', () => ({
  checkBundle: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'spec')")
  },
}))

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('a bug in Peerlab', () => {
  it('is one line saying it is an internal error, exit 70, no stack', async () => {
    vi.stubEnv('PEERLAB_DEBUG', '')
    expect(await run(['routes', 'example:calico-lab-2.2'])).toEqual({
      code: 70,
      stdout: '',
      stderr: "peerlab: internal error: Cannot read properties of undefined (reading 'spec')\nThis is a bug in Peerlab; run again with PEERLAB_DEBUG=1 to see where it happened, and report it.\n",
    })
  })

  it('shows where it happened with PEERLAB_DEBUG set', async () => {
    vi.stubEnv('PEERLAB_DEBUG', '1')
    const { code, stderr } = await run(['validate', 'example:calico-lab-2.2'])
    expect(code).toBe(70)
    expect(stderr).toMatch(/^peerlab: internal error: Cannot read properties of undefined \(reading 'spec'\)\nTypeError: Cannot read/)
    expect(stderr).toMatch(/\n\s+at checkBundle .*internalError\.test\.ts/)
  })

  it('is caught even outside a command, and when the stream writes themselves fail', async () => {
    vi.stubEnv('PEERLAB_DEBUG', '')
    const { runCli } = await import('../../cli/main')
    let stderr = ''
    const failingStdout = () => {
      throw new Error('write EPIPE')
    }
    const code = await runCli(['examples'], { stdout: failingStdout, stderr: (t) => (stderr += t), stdin: [] as unknown as AsyncIterable<string> })
    expect(code).toBe(70)
    expect(stderr).toContain('peerlab: internal error: write EPIPE\n')
  })
})
