import { stringify } from 'yaml'

/** Go marshals maps with their keys in order; unstructured objects print that way in kubectl and calicoctl. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  )
}

/** `-o yaml` as sigs.k8s.io/yaml (go-yaml v2) writes it: sorted keys, lists not indented under their key, and strings YAML 1.1 would read as something else (timestamps, yes/on, numbers) quoted. */
export function goYaml(value: unknown): string {
  return stringify(sortKeys(value), { version: '1.1', lineWidth: 0, indentSeq: false })
}

/** `-o json` as kubectl writes it: sorted keys, four-space indent. */
export function goJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 4)}\n`
}
