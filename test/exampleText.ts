import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** Reads a file from examples/ the way the CLI and the app bundle do: as text. */
export function readExample(name: string): string {
  return readFileSync(resolve(import.meta.dirname, '../examples', `${name}.yaml`), 'utf8')
}
