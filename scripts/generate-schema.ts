// Writes docs/schema/peerlab.dev_v1alpha1.schema.json, the JSON Schema of Peerlab's own kinds,
// from the field descriptions in shared/model/kinds.ts. Run it after changing a Peerlab kind;
// test/shared/schema/jsonSchema.test.ts fails while the committed file is stale.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { designSchema } from '../shared/schema/jsonSchema'

const target = fileURLToPath(new URL('../docs/schema/peerlab.dev_v1alpha1.schema.json', import.meta.url))
mkdirSync(dirname(target), { recursive: true })
writeFileSync(target, `${JSON.stringify(designSchema(), null, 2)}\n`)
console.log(`wrote ${target}`)
