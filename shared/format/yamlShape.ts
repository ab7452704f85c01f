import { isAlias, isMap, isPair, isSeq, type Document } from 'yaml'

/**
 * The deepest nesting of maps and lists a document may have, aliases expanded. Every stage after
 * loading walks values recursively (comparing, exporting, writing YAML back), and the YAML
 * writer needs a few stack frames per level; a hundred is far past any real manifest (a CRD's
 * schema nests about thirty) and far below what a JavaScript stack holds.
 */
export const MAX_YAML_DEPTH = 100

/**
 * How many values aliases may add to a document beyond what is written. Anchors are for sharing a
 * few settings; a chain of aliases of aliases ("billion laughs") would otherwise turn a few lines
 * into more values than memory holds.
 */
export const MAX_ALIAS_EXPANSION = 10_000

/** Why a document's value cannot be read, and where (an offset in the bundle's text). */
export interface ShapeProblem {
  readonly code: 'format.too-deep' | 'format.yaml-alias'
  readonly message: string
  readonly offset: number
}

type YamlNode = NonNullable<Document.Parsed['contents']>

/** What a subtree becomes once its aliases are replaced by what they name. */
interface Expanded {
  readonly size: number
  readonly height: number
}

interface Frame {
  readonly node: unknown
  /** Levels of nesting from the document's root down to and including this node. */
  readonly depth: number
  /** This node's own level: 1 for a map or list, 0 for a scalar or a map's pair. */
  readonly level: number
  next: number
  /** Values in this subtree, aliases expanded. */
  size: number
  /** The tallest child's height. */
  below: number
}

function childCount(node: unknown): number {
  if (isSeq(node)) return node.items.length
  if (isMap(node)) return node.items.length * 2
  if (isPair(node)) return 2
  return 0
}

function childAt(node: unknown, i: number): unknown {
  if (isSeq(node)) return node.items[i]
  if (isMap(node)) {
    const pair = node.items[i >> 1]
    return i % 2 === 0 ? pair?.key : pair?.value
  }
  if (isPair(node)) return i === 0 ? node.key : node.value
  return undefined
}

/** A map's pairs are its own level; a pair written inside a list (`[a: 1]`) is a map of its own. */
function levelOf(node: unknown, parent: unknown): number {
  if (isSeq(node) || isMap(node)) return 1
  return isPair(node) && isSeq(parent) ? 1 : 0
}

function offsetOf(node: unknown): number {
  const range = (node as { range?: readonly number[] } | null)?.range
  return range?.[0] ?? 0
}

/**
 * Checks, without recursion (the point is to survive input nested a million deep), that a parsed
 * document can be turned into a value every later stage can walk: no deeper than
 * `MAX_YAML_DEPTH`, and every alias naming an anchor set before it, outside itself, and not
 * expanding past `MAX_ALIAS_EXPANSION`. Anchors resolve as the YAML library resolves them: to the
 * last node with that anchor before the alias, in document order.
 */
export function checkYamlShape(doc: Document.Parsed): ShapeProblem | undefined {
  const root: YamlNode | null = doc.contents
  if (root === null) return undefined
  // Nothing comes before a document's root, so an alias there names nothing.
  if (isAlias(root)) return { code: 'format.yaml-alias', message: `alias *${root.source} names no anchor set before it`, offset: offsetOf(root) }
  const anchors = new Map<string, unknown>()
  const expanded = new Map<unknown, Expanded>()
  const open = new Set<unknown>()
  let added = 0
  const enter = (node: unknown, parent: Frame | undefined): Frame => {
    const anchor = (node as { anchor?: string }).anchor
    if (anchor !== undefined) {
      anchors.set(anchor, node)
      open.add(node)
    }
    const level = levelOf(node, parent?.node)
    return { node, depth: (parent?.depth ?? 0) + level, level, next: 0, size: 1, below: 0 }
  }
  const stack: Frame[] = [enter(root, undefined)]

  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame
    if (frame.next >= childCount(frame.node)) {
      stack.pop()
      const height = frame.level + frame.below
      if (open.delete(frame.node)) expanded.set(frame.node, { size: frame.size, height })
      const parent = stack[stack.length - 1]
      if (parent) {
        parent.size += frame.size
        parent.below = Math.max(parent.below, height)
      }
      continue
    }
    const child = childAt(frame.node, frame.next++)
    if (child === null || child === undefined) continue
    if (isAlias(child)) {
      const target = anchors.get(child.source)
      if (target === undefined) return { code: 'format.yaml-alias', message: `alias *${child.source} names no anchor set before it`, offset: offsetOf(child) }
      if (open.has(target)) return { code: 'format.yaml-alias', message: `alias *${child.source} is inside the value it names, which would make that value infinite`, offset: offsetOf(child) }
      const { size, height } = expanded.get(target) ?? { size: 1, height: 0 }
      added += size - 1
      if (added > MAX_ALIAS_EXPANSION) return { code: 'format.yaml-alias', message: `aliases expand this document by more than ${MAX_ALIAS_EXPANSION} values`, offset: offsetOf(child) }
      if (frame.depth + height > MAX_YAML_DEPTH) return tooDeep(child)
      frame.size += size
      frame.below = Math.max(frame.below, height)
      continue
    }
    const next = enter(child, frame)
    if (next.depth > MAX_YAML_DEPTH) return tooDeep(child)
    stack.push(next)
  }
  return undefined
}

function tooDeep(node: unknown): ShapeProblem {
  return { code: 'format.too-deep', message: `maps and lists are nested more than ${MAX_YAML_DEPTH} deep here`, offset: offsetOf(node) }
}
