import fc from 'fast-check'
import { stringify } from 'yaml'
import { parseBundle } from '../../shared/format/yamlBundle'

/**
 * Hostile design files, built from the designs people actually write: what a file looks like
 * after a bad merge, a truncated download, a hand edit with the wrong type, or on purpose.
 * Each generator is small enough to shrink, so a failure reads as the input that matters.
 */

/** Characters that change what YAML means, so mutations reach the parser's odd corners. */
const YAML_CHARS = [
  ':',
  '-',
  ' ',
  '\n',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&',
  '*',
  '!',
  '|',
  '>',
  "'",
  '"',
  '#',
  '%',
  '@',
  '`',
  '?',
  '<<',
  '---',
  '...',
  '\t',
  '\r',
  '\u00a0',
  '\ufeff',
  '\u0000',
  'null',
  '~',
  '0x',
  '1e999',
  '.inf',
  '__proto__: ',
  'constructor: ',
]

/** Values of every type, to put where a field expects another one. */
export function wrongValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 4294967296, 1e300, '', ' ', 'x', '10.0.0.0/8', '::/0', '0.0.0.0/0', '999.1.1.1/33', 'all()', '((', '!', [], {}, [null], { a: null }),
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 8 }),
    fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null)), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string({ maxLength: 4 }), fc.constant(null)), { maxKeys: 3 }),
    fc.integer({ min: 1, max: 200 }).map((depth) => nested(depth)),
  )
}

function nested(depth: number): unknown {
  let value: unknown = 'x'
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value }
  return value
}

/** Every path to a value in a parsed document, maps and lists alike, the document itself first. */
export function fieldPaths(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path)
  if (Array.isArray(value)) value.forEach((item, i) => fieldPaths(item, [...path, i], out))
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) fieldPaths(item, [...path, key], out)
  return out
}

function replaced(value: unknown, path: readonly (string | number)[], next: unknown, remove: boolean): unknown {
  if (path.length === 0) return next
  const [head, ...rest] = path as [string | number, ...(string | number)[]]
  if (Array.isArray(value)) {
    const copy = [...value]
    if (remove && rest.length === 0) copy.splice(Number(head), 1)
    else copy[Number(head)] = replaced(copy[Number(head)], rest, next, remove)
    return copy
  }
  const copy = { ...(value as Record<string, unknown>) }
  if (remove && rest.length === 0) delete copy[head]
  else copy[head] = replaced(copy[head], rest, next, remove)
  return copy
}

/** A seed's documents as text and as values, read once. */
interface SeedDocs {
  readonly texts: readonly string[]
  readonly values: readonly unknown[]
}

function splitSeed(text: string): SeedDocs {
  const { documents } = parseBundle(text)
  return { texts: documents.map((d) => d.source), values: documents.map((d) => d.value) }
}

/** One field of one document of a seed set to a value of another type, or removed; the rest as written. */
function wrongTypes(seeds: readonly SeedDocs[]): fc.Arbitrary<string> {
  return fc.record({ seed: fc.nat(), doc: fc.nat(), field: fc.nat(), value: wrongValue(), remove: fc.boolean(), flow: fc.boolean() }).map(({ seed, doc, field, value, remove, flow }) => {
    const chosen = seeds[seed % seeds.length] as SeedDocs
    if (chosen.values.length === 0) return ''
    const d = doc % chosen.values.length
    const paths = fieldPaths(chosen.values[d])
    const path = paths[field % paths.length] ?? []
    const changed = stringify(replaced(chosen.values[d], path, value, remove && path.length > 0), { lineWidth: 0, ...(flow ? { collectionStyle: 'flow' as const } : {}) })
    return chosen.texts.map((t, i) => (i !== d ? t : i === 0 ? changed : `---\n${changed}`)).join('')
  })
}

/** A seed cut short anywhere, as a partial download or a full disk leaves it. */
function truncations(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc.record({ seed: fc.nat(), at: fc.nat() }).map(({ seed, at }) => {
    const text = seeds[seed % seeds.length] as string
    return text.slice(0, at % (text.length + 1))
  })
}

/** A seed with a few characters replaced, inserted or deleted, favouring YAML's own syntax. */
function mutations(seeds: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('insert', 'replace', 'delete', 'duplicate'),
    what: fc.oneof(fc.constantFrom(...YAML_CHARS), fc.string({ unit: 'binary', maxLength: 3 })),
  })
  return fc.record({ seed: fc.nat(), edits: fc.array(edit, { minLength: 1, maxLength: 8 }) }).map(({ seed, edits }) => {
    let text = seeds[seed % seeds.length] as string
    for (const { at, kind, what } of edits) {
      const i = at % (text.length + 1)
      if (kind === 'insert') text = text.slice(0, i) + what + text.slice(i)
      else if (kind === 'replace') text = text.slice(0, i) + what + text.slice(i + what.length)
      else if (kind === 'delete') text = text.slice(0, i) + text.slice(i + 1 + (at % 7))
      else text = text.slice(0, i) + text.slice(i, i + 40) + text.slice(i)
    }
    return text
  })
}

/** A seed's UTF-8 bytes with a few overwritten, read back as a file reader would (bad sequences become U+FFFD). */
function byteMutations(seeds: readonly string[]): fc.Arbitrary<string> {
  const encoder = new TextEncoder()
  const decoder = new TextDecoder('utf-8')
  return fc.record({ seed: fc.nat(), flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }) }).map(({ seed, flips }) => {
    const bytes = encoder.encode(seeds[seed % seeds.length] as string)
    for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value
    return decoder.decode(bytes)
  })
}

/** The header of every modelled kind, and one kind Peerlab keeps as written. */
const KIND_HEADERS = [
  'apiVersion: projectcalico.org/v3\nkind: IPPool',
  'apiVersion: projectcalico.org/v3\nkind: Node',
  'apiVersion: projectcalico.org/v3\nkind: BGPPeer',
  'apiVersion: projectcalico.org/v3\nkind: BGPConfiguration',
  'apiVersion: projectcalico.org/v3\nkind: BGPFilter',
  'apiVersion: projectcalico.org/v3\nkind: IPAMConfiguration',
  'apiVersion: v1\nkind: Node',
  'apiVersion: v1\nkind: Pod',
  'apiVersion: v1\nkind: Namespace',
  'apiVersion: v1\nkind: ConfigMap',
  'apiVersion: apps/v1\nkind: Deployment',
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy',
  'apiVersion: peerlab.dev/v1alpha1\nkind: Cluster',
  'apiVersion: peerlab.dev/v1alpha1\nkind: Segment',
  'apiVersion: peerlab.dev/v1alpha1\nkind: Router',
  'apiVersion: peerlab.dev/v1alpha1\nkind: Layout',
]

/** Anchors and aliases: undefined ones, bombs, merge keys, aliases as keys and self reference. */
function aliasTricks(): fc.Arbitrary<string> {
  const header = fc.constantFrom(...KIND_HEADERS)
  const trick = fc.oneof(
    fc.constant('metadata: {name: *a}\nspec: *b\n'),
    fc.constant('metadata: &m {name: x}\nspec: {<<: *m, cidr: *m}\n'),
    fc.constant('metadata: {name: x}\nspec: &s\n  bgp: *s\n'),
    fc.constant('metadata: {name: x}\n*a : 1\n'),
    fc.constant('metadata: {name: x, namespace: &n [*n]}\n'),
    fc.constant('metadata: {name: x}\nspec: {<<: [*a, *b]}\n'),
    fc.constant('metadata: {name: !!binary aGVsbG8=, labels: !!set {a, b}}\nspec: !!omap [a: 1]\n'),
    fc.constant('metadata: {name: !custom x, namespace: !!timestamp 2001-12-14}\nspec: !!float .nan\n'),
    fc.integer({ min: 2, max: 12 }).map((levels) => {
      const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
      for (let i = 1; i < levels; i++)
        lines.push(
          `a${i}: &a${i} [${Array(10)
            .fill(`*a${i - 1}`)
            .join(', ')}]`,
        )
      return `metadata: {name: bomb}\nspec:\n  ${lines.join('\n  ')}\n  nodeSelector: *a${levels - 1}\n`
    }),
  )
  return fc.tuple(header, trick).map(([h, t]) => `${h}\n${t}`)
}

/** Nesting thousands deep in YAML itself, in a selector and in a kept document. */
function deepNesting(): fc.Arbitrary<string> {
  const depth = fc.integer({ min: 50, max: 20_000 })
  return fc.oneof(
    depth.map((n) => `${'['.repeat(n)}${']'.repeat(n)}\n`),
    depth.map((n) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`),
    depth.map((n) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n${Array.from({ length: Math.min(n, 3000) }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')} 1\n`),
    fc
      .tuple(depth, fc.constantFrom('nodeSelector', 'peerSelector', 'namespaceSelector'))
      .map(
        ([n, field]) =>
          `apiVersion: projectcalico.org/v3\nkind: ${field === 'namespaceSelector' ? 'IPPool' : 'BGPPeer'}\nmetadata: {name: deep}\nspec:\n  cidr: 10.0.0.0/16\n  peerIP: 10.0.0.1\n  asNumber: 1\n  ${field}: "${'('.repeat(n)}all()${')'.repeat(n)}"\n`,
      ),
    fc
      .tuple(depth, fc.constantFrom('!', '!!'))
      .map(([n, not]) => `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: deep}\nspec: {cidr: 10.0.0.0/16, nodeSelector: "${not.repeat(n)}all()"}\n`),
  )
}

/** Counts no cluster has: replicas past any pool, and one pool written hundreds of times. */
function hugeCounts(): fc.Arbitrary<string> {
  const nodes = (count: number): string =>
    Array.from({ length: count }, (_, i) => `apiVersion: v1\nkind: Node\nmetadata: {name: n${i + 1}}\nstatus: {addresses: [{type: InternalIP, address: 10.0.1.${20 + i}}]}\n---\n`).join('')
  const pool = (name: string, cidr: string): string => `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: ${name}}\nspec: {cidr: ${cidr}, blockSize: 26}\n`
  return fc.oneof(
    fc
      .tuple(fc.integer({ min: 1, max: 5 }), fc.constantFrom(1e9, 2 ** 31 - 1, 2 ** 32, 2 ** 53, 1e300), fc.constantFrom('', ', hostNetwork: true', ', nodeSelector: {x: y}', ', nodeName: n1'))
      .map(
        ([count, replicas, extra]) =>
          `${nodes(count)}${pool('pods', '10.48.0.0/16')}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: ${replicas}, template: {spec: {containers: [{name: c}]${extra}}}}\n`,
      ),
    fc.integer({ min: 2, max: 600 }).map((copies) => Array.from({ length: copies }, (_, i) => pool(`p${i}`, i % 3 === 0 ? '10.48.0.0/24' : '10.48.0.0/16')).join('---\n')),
  )
}

/** Random text: bytes read as Latin-1, any Unicode, and lines that look almost like YAML. */
function randomText(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.uint8Array({ maxLength: 512 }).map((bytes) => String.fromCharCode(...bytes)),
    fc.string({ unit: 'grapheme', maxLength: 256 }),
    fc.string({ unit: 'binary', maxLength: 256 }),
    fc.array(fc.constantFrom(...YAML_CHARS, 'a', 'b', 'kind', 'apiVersion', 'metadata', 'name', 'spec', 'v1', 'Node'), { maxLength: 120 }).map((parts) => parts.join('')),
  )
}

/** Every generator over the given seed designs, in proportions that spend time where crashes were. */
export function hostileDesign(seedTexts: readonly string[]): fc.Arbitrary<string> {
  const seeds = seedTexts.map(splitSeed)
  return fc.oneof(
    { arbitrary: wrongTypes(seeds), weight: 5 },
    { arbitrary: mutations(seedTexts), weight: 2 },
    { arbitrary: byteMutations(seedTexts), weight: 1 },
    { arbitrary: truncations(seedTexts), weight: 1 },
    { arbitrary: aliasTricks(), weight: 1 },
    { arbitrary: deepNesting(), weight: 1 },
    { arbitrary: randomText(), weight: 1 },
    { arbitrary: hugeCounts(), weight: 1 },
  )
}
