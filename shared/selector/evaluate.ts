/**
 * Turns a selector tree into a matching function, with the semantics of the
 * `Evaluate` methods in libcalico-go/lib/selector/parser/ast.go.
 *
 * The tree is compiled once into nested closures (sets become `Set`s), so
 * evaluating against thousands of label sets walks no tree and builds nothing.
 */
import type { SelectorNode } from './ast'
import type { Labels } from './types'

/** A compiled selector. */
export type Matcher = (labels: Labels) => boolean

/**
 * The label's value, or undefined when absent. Only own properties count:
 * `constructor` or `toString` on a plain object are not labels.
 */
function valueOf(labels: Labels, key: string): string | undefined {
  return Object.hasOwn(labels, key) ? labels[key] : undefined
}

const always: Matcher = () => true

/** Compiles a selector tree; see each case for the rule Calico applies to a missing label. */
export function compile(node: SelectorNode): Matcher {
  switch (node.kind) {
    case 'all':
    case 'global':
      // global() only marks a namespaceSelector as "all namespaces, and
      // non-namespaced resources"; as a label test it is always true.
      return always
    case 'has': {
      const { label } = node
      return (labels) => Object.hasOwn(labels, label)
    }
    case 'eq': {
      const { label, value } = node
      return (labels) => valueOf(labels, label) === value
    }
    case 'ne': {
      // A missing label is "not equal": `a != "x"` matches {}.
      const { label, value } = node
      return (labels) => valueOf(labels, label) !== value
    }
    case 'contains': {
      const { label, value } = node
      return (labels) => valueOf(labels, label)?.includes(value) ?? false
    }
    case 'startsWith': {
      const { label, value } = node
      return (labels) => valueOf(labels, label)?.startsWith(value) ?? false
    }
    case 'endsWith': {
      const { label, value } = node
      return (labels) => valueOf(labels, label)?.endsWith(value) ?? false
    }
    case 'in': {
      const { label } = node
      const values = new Set(node.values)
      return (labels) => {
        const value = valueOf(labels, label)
        return value !== undefined && values.has(value)
      }
    }
    case 'notIn': {
      // Like !=, a missing label is "not in" any set.
      const { label } = node
      const values = new Set(node.values)
      return (labels) => {
        const value = valueOf(labels, label)
        return value === undefined || !values.has(value)
      }
    }
    case 'not': {
      const operand = compile(node.operand)
      return (labels) => !operand(labels)
    }
    // Plain loops: `every`/`some` would allocate a callback on each call.
    case 'and': {
      const operands = node.operands.map(compile)
      return (labels) => {
        for (const operand of operands) if (!operand(labels)) return false
        return true
      }
    }
    case 'or': {
      const operands = node.operands.map(compile)
      return (labels) => {
        for (const operand of operands) if (operand(labels)) return true
        return false
      }
    }
  }
}
