import type { EntityId } from '../model/design'

/** How a selection is counted in a title, by the prefix of each canvas id. */
const WORDS: readonly (readonly [prefix: string, one: string, many: string])[] = [
  ['node/', 'node', 'nodes'],
  ['router/', 'router', 'routers'],
  ['segment/', 'segment', 'segments'],
  ['session/', 'session', 'sessions'],
  ['bundle/', 'session bundle', 'session bundles'],
  ['mesh/', 'mesh', 'meshes'],
]

/** "3 nodes selected", "2 nodes, 1 router selected": what a multi-selection holds, by kind. */
export function selectionTitle(ids: readonly EntityId[]): string {
  const counts = new Map<string, number>()
  for (const id of ids) {
    const word = WORDS.find(([prefix]) => id.startsWith(prefix)) ?? (['', 'item', 'items'] as const)
    counts.set(word[1], (counts.get(word[1]) ?? 0) + 1)
  }
  const parts = [...WORDS.map(([, one, many]) => [one, many] as const), ['item', 'items'] as const].flatMap(([one, many]) => {
    const n = counts.get(one) ?? 0
    return n > 0 ? [`${n} ${n === 1 ? one : many}`] : []
  })
  return `${parts.join(', ')} selected`
}
