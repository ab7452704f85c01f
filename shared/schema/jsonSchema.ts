import { KINDS, PEERLAB_API_VERSION, type KindInfo } from '../model/kinds'
import type { FieldSpec } from './fieldSpec'

/**
 * The field descriptions of `kinds.ts` as JSON Schema (draft 2020-12), for editors and other
 * tools. `checkFields` reads the same descriptions, so the published schema and the loader agree
 * on shape. Where they differ: the schema asserts the custom formats `cidr` and `ip` (JSON Schema
 * lets a validator ignore formats it does not know), which the loader leaves to the semantic
 * checks; it reads `field: null` as a wrong type where the loader treats it as absent; and its
 * AS-number pattern does not bound the value of a string (`"70000.1"`), which `isAsNumber` does.
 */
type JsonSchema = { [keyword: string]: unknown }

export const DESIGN_SCHEMA_ID = 'https://peerlab.dev/schema/peerlab.dev_v1alpha1.schema.json'
const DIALECT = 'https://json-schema.org/draft/2020-12/schema'

const FORMAT_NOTES: Readonly<Record<'cidr' | 'ip' | 'duration', string>> = {
  cidr: 'An IPv4 or IPv6 prefix in CIDR notation with no host bits set, e.g. 10.0.1.0/24 or fd00::/64 (format "cidr").',
  ip: 'An IPv4 or IPv6 address without a /length, e.g. 10.0.1.10 or fd00::1 (format "ip").',
  // JSON Schema's own "duration" is ISO 8601 (PT90S); Go's durations (90s) are not, so no format.
  duration: 'A Go duration, e.g. 90s or 1m30s.',
}

/** Matches an AS number written as a string: decimal (`64512`) or asdot (`1.10`). */
const AS_NUMBER_TEXT = '^\\d+(\\.\\d+)?$'
const MAX_AS_NUMBER = 4294967295

function described(schema: JsonSchema, description: string | undefined): JsonSchema {
  return description ? { description, ...schema } : schema
}

function joinSentences(first: string | undefined, second: string): string {
  return first ? `${first}. ${second}` : second
}

/** The JSON Schema (draft 2020-12) of one field description. */
export function toJsonSchema(spec: FieldSpec): object {
  return convert(spec)
}

function convert(spec: FieldSpec): JsonSchema {
  switch (spec.type) {
    case 'string':
      if (spec.format === undefined) return described({ type: 'string' }, spec.description)
      return {
        description: joinSentences(spec.description, FORMAT_NOTES[spec.format]),
        type: 'string',
        ...(spec.format === 'duration' ? {} : { format: spec.format }),
      }
    case 'integer':
      return described(
        {
          type: 'integer',
          ...(spec.minimum !== undefined ? { minimum: spec.minimum } : {}),
          ...(spec.maximum !== undefined ? { maximum: spec.maximum } : {}),
        },
        spec.description,
      )
    case 'number':
      return described({ type: 'number' }, spec.description)
    case 'boolean':
      return described({ type: 'boolean' }, spec.description)
    case 'enum':
      return described({ type: 'string', enum: [...spec.values] }, spec.description)
    case 'list':
      return described({ type: 'array', items: convert(spec.items) }, spec.description)
    case 'map':
      return described({ type: 'object', additionalProperties: convert(spec.values) }, spec.description)
    case 'object': {
      const properties: JsonSchema = {}
      for (const [name, field] of Object.entries(spec.fields)) properties[name] = convert(field)
      return described(
        {
          type: 'object',
          properties,
          ...(spec.required && spec.required.length > 0 ? { required: [...spec.required] } : {}),
          ...(spec.closed ? { additionalProperties: false } : {}),
        },
        spec.description,
      )
    }
    case 'any':
      return described({}, spec.description)
    case 'asNumber':
      return {
        description: joinSentences(spec.description, 'An AS number: an integer, or a string holding a decimal number or asdot notation (1.10).'),
        oneOf: [
          { type: 'integer', minimum: 0, maximum: MAX_AS_NUMBER },
          { type: 'string', pattern: AS_NUMBER_TEXT },
        ],
      }
  }
}

/** One Peerlab kind: its declared fields, with `apiVersion` and `kind` pinned and required. */
function kindSchema(info: KindInfo): JsonSchema {
  if (info.spec.type !== 'object') throw new Error(`${info.kind}: a kind's description must be an object`)
  const { properties, required: _required, description: _description, ...rest } = convert(info.spec)
  return {
    title: `${info.kind} (${info.apiVersion})`,
    description: info.description,
    type: 'object',
    properties: { ...(properties as JsonSchema), apiVersion: { const: info.apiVersion }, kind: { const: info.kind } },
    required: ['apiVersion', 'kind', ...(info.spec.required ?? []).filter((name) => name !== 'apiVersion' && name !== 'kind')],
    ...rest,
  }
}

/**
 * The schema of one document of a design bundle that holds a Peerlab kind (peerlab.dev/v1alpha1
 * Cluster, Segment, Router, Layout). Kubernetes and Calico documents have schemas of their own
 * and do not match this one.
 */
export function designSchema(): object {
  const kinds = Object.values(KINDS).filter((info) => info.designOnly)
  const defs: JsonSchema = {}
  for (const info of kinds) defs[info.kind] = kindSchema(info)
  return {
    $schema: DIALECT,
    $id: DESIGN_SCHEMA_ID,
    title: `Peerlab design resources (${PEERLAB_API_VERSION})`,
    description: [
      `One document of a Peerlab design bundle that holds one of Peerlab's own kinds (${PEERLAB_API_VERSION}): what Kubernetes and Calico have no resource for.`,
      ...kinds.map((info) => `${info.kind}: ${info.description}`),
      'Generated from shared/model/kinds.ts by scripts/generate-schema.ts; do not edit.',
    ].join('\n'),
    type: 'object',
    properties: {
      apiVersion: { const: PEERLAB_API_VERSION },
      kind: { enum: kinds.map((info) => info.kind) },
    },
    required: ['apiVersion', 'kind'],
    oneOf: kinds.map((info) => ({ $ref: `#/$defs/${info.kind}` })),
    $defs: defs,
  }
}
