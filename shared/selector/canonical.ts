/**
 * Calico's canonical text for a selector tree, as `Selector.String()`
 * builds it from the `collectFragments` methods in
 * libcalico-go/lib/selector/parser/ast.go. `calicoctl` prints this form, and
 * Calico derives a selector's unique id from it.
 */
import type { SelectorNode } from './ast'

const OPERATOR_TEXT = {
  eq: ' == ',
  ne: ' != ',
  contains: ' contains ',
  startsWith: ' starts with ',
  endsWith: ' ends with ',
} as const

/**
 * Literals have no escapes, so Calico quotes with `"` unless the text holds
 * one, and then with `'` (a literal can never hold both).
 */
function quote(value: string): string {
  return value.includes('"') ? `'${value}'` : `"${value}"`
}

/**
 * Renders a tree. `&&` and `||` groups are always parenthesized, even at the
 * top, and `!` is written straight before its operand, so `!(a == "b")`
 * renders as `!a == "b"`: that still parses back to the same tree because
 * `!` applies to a single operation.
 */
export function canonicalText(node: SelectorNode): string {
  switch (node.kind) {
    case 'all':
      return 'all()'
    case 'global':
      return 'global()'
    case 'has':
      return `has(${node.label})`
    case 'eq':
    case 'ne':
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      return `${node.label}${OPERATOR_TEXT[node.kind]}${quote(node.value)}`
    case 'in':
    case 'notIn':
      return `${node.label} ${node.kind === 'in' ? 'in' : 'not in'} {${node.values.map(quote).join(', ')}}`
    case 'not':
      return `!${canonicalText(node.operand)}`
    case 'and':
    case 'or':
      return `(${node.operands.map(canonicalText).join(node.kind === 'and' ? ' && ' : ' || ')})`
  }
}
