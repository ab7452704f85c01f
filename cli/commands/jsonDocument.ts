/**
 * The version of every `--json` document's schema (docs/cli.md). Scripts check it; it goes up
 * only when a field is renamed, removed or changes meaning, never for a field added.
 */
export const SCHEMA_VERSION = 1

/** A `--json` document as printed: the schema version first, two-space indented, one trailing newline. */
export function jsonDocument(body: object, schemaVersion = SCHEMA_VERSION): string {
  return `${JSON.stringify({ schemaVersion, ...body }, null, 2)}\n`
}
