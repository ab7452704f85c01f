import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml'
import { isPlainObject } from '../util/deepEqual'

/**
 * Changes the YAML node tree of `doc` until it holds `target`, touching only what differs, so
 * comments, key order, quoting and flow style of everything else survive an edit.
 */
export function reconcileDocument(doc: Document, target: unknown): void {
  doc.contents = reconcileNode(doc, doc.contents, target) as typeof doc.contents
}

function reconcileNode(doc: Document, node: unknown, target: unknown): Node {
  if (isScalar(node) && !isPlainObject(target) && !Array.isArray(target)) {
    if (node.value !== target) node.value = target
    return node
  }
  if (isMap(node) && isPlainObject(target)) {
    for (const pair of [...node.items]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
      // `key:` with no value is how the user wrote "not set"; the design holds it as absent, and it stays written.
      const unset = pair.value === null || (isScalar(pair.value) && pair.value.value === null)
      if (!Object.hasOwn(target, key) && !unset) node.delete(pair.key)
    }
    for (const [key, value] of Object.entries(target)) {
      const existing = node.get(key, true)
      if (existing === undefined) node.set(doc.createNode(key), doc.createNode(value))
      else node.set(key, reconcileNode(doc, existing, value))
    }
    return node
  }
  if (isSeq(node) && Array.isArray(target) && node.items.length === target.length) {
    node.items = node.items.map((item, i) => reconcileNode(doc, item, target[i]))
    return node
  }
  // Shapes differ (a scalar became a map, a list changed length): build the new value afresh,
  // keeping the old node's comments and flow style where it had them.
  const fresh = doc.createNode(target)
  if (isMap(node) || isSeq(node) || isScalar(node)) {
    fresh.commentBefore = node.commentBefore
    fresh.comment = node.comment
    if ((isMap(node) || isSeq(node)) && (isMap(fresh) || isSeq(fresh))) fresh.flow = node.flow
  }
  return fresh
}
