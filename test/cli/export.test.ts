import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import Ajv2020 from 'ajv/dist/2020'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { kindInfo } from '../../shared/model/kinds'
import { parseIpAddress, parseIpPrefix } from '../../shared/net'
import { toJsonSchema } from '../../shared/schema/jsonSchema'
import { run, temporaryDirectory } from './cliHarness'
import { labDesignAfterSteps } from './labDesign'

const dir = temporaryDirectory('peerlab-export-')
const LAB = 'example:calico-lab-2.2'
const lab = labDesignAfterSteps()
const fixture = (name: string): string => resolve(import.meta.dirname, '../fixtures/designs', name)

async function labWithError(): Promise<string> {
  const path = join(dir.path, 'broken.yaml')
  const stray = '---\napiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: stray\nspec:\n  cidr: 10.99.0.1/24\n  disabled: true\n'
  await writeFile(path, `${await readFile(resolve(import.meta.dirname, '../../examples/calico-lab-2.2.yaml'), 'utf8')}${stray}`)
  return path
}

/** The JSON Schema Peerlab publishes for a kind's fields (shared/schema/jsonSchema.ts), compiled as the design schema is. */
function schemaOf(apiVersion: string, kind: string) {
  const info = kindInfo(apiVersion, kind)
  if (!info) throw new Error(`${apiVersion} ${kind} is not a modelled kind`)
  const ajv = new Ajv2020({ strict: true, allErrors: true })
  ajv.addFormat('cidr', { type: 'string', validate: (text: string) => parseIpPrefix(text).ok })
  ajv.addFormat('ip', { type: 'string', validate: (text: string) => parseIpAddress(text).ok })
  return ajv.compile(toJsonSchema(info.spec))
}

describe('peerlab export --format calicoctl', () => {
  it('writes only Calico kinds, each valid against its JSON Schema, for the lab after its steps and the route-reflector design', async () => {
    for (const design of [lab.path, fixture('route-reflector-v1alpha1.yaml'), fixture('bgp-filter-v1alpha1.yaml')]) {
      const { code, stdout } = await run(['export', design, '--format', 'calicoctl'])
      expect(code, design).toBe(0)
      const docs = parseAllDocuments(stdout).map((d) => d.toJS() as { apiVersion: string; kind: string })
      expect(docs.length, design).toBeGreaterThan(0)
      for (const doc of docs) {
        expect(doc.apiVersion).toBe('projectcalico.org/v3')
        expect(doc.kind).not.toBe('Node')
        const validate = schemaOf(doc.apiVersion, doc.kind)
        expect(validate(doc), `${design} ${doc.kind}: ${JSON.stringify(validate.errors)}`).toBe(true)
      }
    }
  })

  it('puts the lab’s pools before the BGP peer, and says where the node changes are', async () => {
    const { stdout } = await run(['export', lab.path, '--format', 'calicoctl'])
    const kinds = parseAllDocuments(stdout).map((d) => (d.toJS() as { kind: string }).kind)
    expect(kinds.lastIndexOf('IPPool')).toBeLessThan(kinds.indexOf('BGPPeer'))
    const rr = await run(['export', fixture('route-reflector-v1alpha1.yaml'), '--format', 'calicoctl'])
    expect(rr.stderr).toBe('peerlab export: the design also changes nodes (2 commands): they are in the node changes (peerlab export --format nodes)\n')
  })
})

describe('peerlab export --format manifests and nodes', () => {
  it('manifests hold Kubernetes kinds only, no peerlab.dev annotations, the namespace first', async () => {
    const { code, stdout, stderr } = await run(['export', lab.path])
    expect(code).toBe(0)
    const docs = parseAllDocuments(stdout).map((d) => d.toJS() as { apiVersion: string; kind: string; metadata: { namespace?: string } })
    expect(docs[0]?.kind).toBe('Namespace')
    expect(docs.some((d) => d.kind === 'Node' || d.apiVersion.includes('projectcalico') || d.metadata.namespace === 'kube-system')).toBe(false)
    expect(stdout).not.toContain('peerlab.dev')
    expect(stderr).toContain(
      'peerlab export: left out node/ip-10-0-1-20.eu-west-1.compute.internal, node/ip-10-0-1-30.eu-west-1.compute.internal, node/ip-10-0-1-31.eu-west-1.compute.internal: a Node is registered by its kubelet',
    )
  })

  it('nodes prints the calicoctl patch node commands', async () => {
    const { code, stdout } = await run(['export', fixture('route-reflector-v1alpha1.yaml'), '--format', 'nodes'])
    expect(code).toBe(0)
    expect(stdout).toContain(`calicoctl patch node rr1 --patch '{"spec":{"bgp":{"ipv4Address":"10.0.2.10/24","routeReflectorClusterID":"244.0.0.1"}}}'\n`)
  })
})

describe('a design with errors', () => {
  it('is not exported for a tool: exit 1, its errors named on stderr, nothing on stdout', async () => {
    const path = await labWithError()
    for (const format of ['manifests', 'calicoctl', 'nodes', 'bird']) {
      const result = await run(['export', path, '--format', format])
      expect(result, format).toMatchObject({ code: 1, stdout: '' })
      expect(result.stderr).toMatch(/^peerlab export: .*broken\.yaml has 1 error, so it is not exported as .* \(--force exports it anyway\):\n/)
      expect(result.stderr).toMatch(/broken\.yaml:\d+:\d+: error ippool\.cidr-not-masked/)
    }
  })

  it('is exported with --force, exit 0, the errors still listed', async () => {
    const path = await labWithError()
    const result = await run(['export', path, '--format', 'calicoctl', '--force'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('name: stray')
    expect(result.stderr).toContain('error ippool.cidr-not-masked')
  })
})

describe('configs and pictures', () => {
  it('--out DIR writes one BIRD config per host and says where each goes', async () => {
    const out = join(dir.path, 'bird')
    const result = await run(['export', LAB, '--format', 'bird', '--out', out])
    expect(result).toMatchObject({ code: 0, stdout: '' })
    expect((await readdir(out)).sort()).toEqual(['bastion.bird.conf', 'control1.bird.cfg', 'worker1.bird.cfg', 'worker2.bird.cfg'])
    expect(result.stderr).toContain('peerlab export: worker2.bird.cfg goes to /etc/calico/confd/config/bird.cfg on worker2\n')
    expect(await readFile(join(out, 'bastion.bird.conf'), 'utf8')).toBe((await run(['export', LAB, '--format', 'bird', '--host', 'bastion'])).stdout)
  })

  it('svg, mermaid and drawio name every host', async () => {
    for (const format of ['svg', 'mermaid', 'drawio']) {
      const { code, stdout } = await run(['export', LAB, '--format', format])
      expect(code, format).toBe(0)
      for (const host of ['bastion', 'control1', 'worker1', 'worker2']) expect(stdout, format).toContain(host)
    }
    expect((await run(['export', LAB, '--format', 'svg'])).stdout).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    expect((await run(['export', LAB, '--format', 'mermaid'])).stdout).toMatch(/^flowchart TB\n/)
    expect((await run(['export', LAB, '--format', 'drawio'])).stdout).toMatch(/^<mxfile /)
  })

  it('png needs the app: exit 2, saying so', async () => {
    expect(await run(['export', LAB, '--format', 'png'])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^peerlab export: png is drawn by the app from its canvas/) })
  })

  it('refuses -o with --out, and says every format in its help', async () => {
    expect(await run(['export', LAB, '-o', 'x', '--out', 'y'])).toMatchObject({ code: 2, stderr: expect.stringContaining('-o FILE and --out DIR cannot go together') })
    const help = (await run(['export', '--help'])).stdout
    for (const format of ['manifests', 'calicoctl', 'nodes', 'bird', 'frr', 'design', 'svg', 'mermaid', 'drawio', 'png']) expect(help).toMatch(new RegExp(`^  ${format} `, 'm'))
  })
})
