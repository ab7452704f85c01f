import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import Ajv2020 from 'ajv/dist/2020'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { KINDS, PEERLAB_API_VERSION } from '../../../shared/model/kinds'
import { parseIpAddress, parseIpPrefix } from '../../../shared/net'
import { checkFields } from '../../../shared/schema/checkFields'
import { asNumber, int, listOf, object, oneOf, str } from '../../../shared/schema/fieldSpec'
import { designSchema, DESIGN_SCHEMA_ID, toJsonSchema } from '../../../shared/schema/jsonSchema'

const ROOT = resolve(import.meta.dirname, '../../..')
const SCHEMA_FILE = 'docs/schema/peerlab.dev_v1alpha1.schema.json'

function compileDesignSchema() {
  const ajv = new Ajv2020({ strict: true, allErrors: true })
  ajv.addFormat('cidr', { type: 'string', validate: (text: string) => parseIpPrefix(text).ok })
  ajv.addFormat('ip', { type: 'string', validate: (text: string) => parseIpAddress(text).ok })
  return ajv.compile(designSchema())
}

type Doc = Record<string, unknown> & { apiVersion: string; kind: string; metadata: { name: string } }

/** The checkFields verdict for a Peerlab document, by the same KINDS entry the schema came from. */
function loaderProblems(doc: Doc): readonly string[] {
  const info = Object.values(KINDS).find((k) => k.apiVersion === doc.apiVersion && k.kind === doc.kind)
  if (!info) throw new Error(`${doc.apiVersion} ${doc.kind} is not a modelled kind`)
  return checkFields(doc, info.spec).map((p) => p.message)
}

function peerlabDocumentsOfExamples(): { where: string; doc: Doc }[] {
  const files = readdirSync(resolve(ROOT, 'examples')).filter((f) => f.endsWith('.yaml'))
  return files.flatMap((file) =>
    parseAllDocuments(readFileSync(resolve(ROOT, 'examples', file), 'utf8'))
      .map((d, i) => ({ where: `examples/${file} document ${i + 1}`, doc: d.toJS() as Doc }))
      .filter(({ doc }) => doc?.apiVersion === PEERLAB_API_VERSION),
  )
}

const segment = (spec: Record<string, unknown>): Doc => ({ apiVersion: PEERLAB_API_VERSION, kind: 'Segment', metadata: { name: 'rack1' }, spec })
const router = (spec: Record<string, unknown>): Doc => ({ apiVersion: PEERLAB_API_VERSION, kind: 'Router', metadata: { name: 'tor1' }, spec })

/** Documents the loader must refuse; the schema must refuse them too. */
const BROKEN: readonly { name: string; doc: Doc }[] = [
  { name: 'an unknown field in a Segment spec', doc: segment({ cidrs: ['10.0.1.0/24'], gatway: '10.0.1.1' }) },
  { name: 'asNumber "abc" on a Router', doc: router({ asNumber: 'abc', interfaces: [{ name: 'eth0', addresses: ['10.0.1.2'] }] }) },
  { name: 'a Segment without cidrs', doc: segment({ interface: 'eth0' }) },
  { name: 'an unknown field at the top of a Peerlab document', doc: { ...segment({ cidrs: ['10.0.1.0/24'] }), status: {} } },
  { name: 'a neighbor port out of range', doc: router({ interfaces: [], neighbors: [{ address: '10.0.1.20', asNumber: 64512, port: 0 }] }) },
]

describe('the committed JSON Schema', () => {
  it(`${SCHEMA_FILE} is what designSchema() generates`, () => {
    const committed = readFileSync(resolve(ROOT, SCHEMA_FILE), 'utf8')
    expect(committed, `${SCHEMA_FILE} is stale: run \`npm run generate:schema\` (tsx scripts/generate-schema.ts) and commit the result`).toBe(`${JSON.stringify(designSchema(), null, 2)}\n`)
  })

  it('is a valid draft 2020-12 schema under ajv strict mode, with one branch per Peerlab kind', () => {
    const schema = designSchema() as { $id: string; $schema: string; oneOf: unknown[]; $defs: Record<string, { description: string }> }
    expect(schema.$id).toBe(DESIGN_SCHEMA_ID)
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    const peerlabKinds = Object.values(KINDS).filter((k) => k.designOnly)
    expect(Object.keys(schema.$defs)).toEqual(peerlabKinds.map((k) => k.kind))
    expect(Object.values(schema.$defs).map((d) => d.description)).toEqual(peerlabKinds.map((k) => k.description))
    expect(schema.oneOf).toHaveLength(peerlabKinds.length)
    expect(() => compileDesignSchema()).not.toThrow()
  })
})

describe('validating documents against the schema', () => {
  const validate = compileDesignSchema()

  it('accepts every Peerlab document of the examples, as checkFields does', () => {
    const docs = peerlabDocumentsOfExamples()
    expect(docs.length).toBeGreaterThanOrEqual(3)
    for (const { where, doc } of docs) {
      expect(validate(doc), `${where}: ${JSON.stringify(validate.errors)}`).toBe(true)
      expect(loaderProblems(doc), where).toEqual([])
    }
  })

  it.each(BROKEN)('rejects $name, and so does checkFields', ({ doc }) => {
    expect(validate(doc)).toBe(false)
    expect(loaderProblems(doc).length).toBeGreaterThan(0)
  })

  it('names the offending field of a broken document', () => {
    validate(segment({ cidrs: ['10.0.1.0/24'], gatway: '10.0.1.1' }))
    expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: 'additionalProperties', instancePath: '/spec', params: { additionalProperty: 'gatway' } }))
    validate(segment({ interface: 'eth0' }))
    expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: 'required', instancePath: '/spec', params: { missingProperty: 'cidrs' } }))
  })

  it('checks the cidr and ip formats with the engine parsers', () => {
    expect(validate(segment({ cidrs: ['10.0.1.0/24', 'fd00::/64'], gateways: ['10.0.1.1', 'fd00::1'] }))).toBe(true)
    expect(validate(segment({ cidrs: ['10.0.1.1/24'] }))).toBe(false)
    expect(validate(segment({ cidrs: ['10.0.1.0/24'], gateways: ['10.0.1.1/24'] }))).toBe(false)
  })

  it('accepts AS numbers as Calico writes them and refuses other kinds and versions', () => {
    const iface = [{ name: 'eth0', addresses: ['10.0.1.2'] }]
    for (const as of [64512, '64512', '1.10', 0, 4294967295]) expect(validate(router({ asNumber: as, interfaces: iface })), String(as)).toBe(true)
    for (const as of [-1, 4294967296, 1.5, 'abc', '1.', '']) expect(validate(router({ asNumber: as, interfaces: iface })), String(as)).toBe(false)
    expect(validate({ ...segment({ cidrs: ['10.0.1.0/24'] }), apiVersion: 'peerlab.dev/v1beta1' })).toBe(false)
    expect(validate({ ...segment({ cidrs: ['10.0.1.0/24'] }), kind: 'Switch' })).toBe(false)
    expect(validate({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } })).toBe(false)
  })
})

describe('toJsonSchema', () => {
  it('maps each kind of field description', () => {
    expect(toJsonSchema(str('Name'))).toEqual({ description: 'Name', type: 'string' })
    expect(toJsonSchema(str(undefined, 'cidr'))).toEqual({ type: 'string', format: 'cidr', description: expect.stringContaining('CIDR') })
    expect(toJsonSchema(str('Router id', 'ip'))).toEqual({ type: 'string', format: 'ip', description: expect.stringMatching(/^Router id\. An IPv4 or IPv6 address/) })
    expect(toJsonSchema(str(undefined, 'duration'))).not.toHaveProperty('format')
    expect(toJsonSchema(int(undefined, 1, 65535))).toEqual({ type: 'integer', minimum: 1, maximum: 65535 })
    expect(toJsonSchema(oneOf(['a', 'b']))).toEqual({ type: 'string', enum: ['a', 'b'] })
    expect(toJsonSchema(listOf(str()))).toEqual({ type: 'array', items: { type: 'string' } })
    expect(toJsonSchema(asNumber())).toMatchObject({
      oneOf: [
        { type: 'integer', minimum: 0, maximum: 4294967295 },
        { type: 'string', pattern: '^\\d+(\\.\\d+)?$' },
      ],
    })
    expect(toJsonSchema(object({ a: str(), b: str() }, { required: ['a'], closed: true }))).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      required: ['a'],
      additionalProperties: false,
    })
    expect(toJsonSchema(object({ a: str() }))).toEqual({ type: 'object', properties: { a: { type: 'string' } } })
  })
})
