/**
 * Every field path of JSON documents with the types seen there, `hosts[].routes[].metric:
 * null|number`, over all elements of every array (`array` where one is empty): what a schema
 * test pins, so that renaming, removing or retyping a field fails it.
 */
export function jsonPaths(...documents: unknown[]): string[] {
  const types = new Map<string, Set<string>>()
  const add = (path: string, type: string): void => {
    types.set(path, (types.get(path) ?? new Set()).add(type))
  }
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      if (node.length === 0) add(path, 'array')
      for (const item of node) walk(item, `${path}[]`)
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) walk(child, path === '' ? key : `${path}.${key}`)
    } else add(path, node === null ? 'null' : typeof node)
  }
  for (const document of documents) walk(document, '')
  return [...types].map(([path, seen]) => `${path}: ${[...seen].sort().join('|')}`).sort()
}
