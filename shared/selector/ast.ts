/**
 * The parsed form of a selector, one node type per node of Calico's
 * libcalico-go/lib/selector/parser/ast.go. Plain readonly data.
 */

/** `all()` (also what the empty selector parses to) and `global()`: both match every label set. */
export interface ConstantNode {
  readonly kind: 'all' | 'global'
}

/** `has(label)`: the label is present, whatever its value. */
export interface HasNode {
  readonly kind: 'has'
  readonly label: string
}

/** `label == "v"`, `!=`, `contains`, `starts with`, `ends with`. */
export interface CompareNode {
  readonly kind: 'eq' | 'ne' | 'contains' | 'startsWith' | 'endsWith'
  readonly label: string
  readonly value: string
}

/** `label in {...}` and `label not in {...}`. */
export interface SetNode {
  readonly kind: 'in' | 'notIn'
  readonly label: string
  /** Sorted by code point (Go's byte order on UTF-8) and de-duplicated, as Calico stores them. */
  readonly values: readonly string[]
}

/** `!operand`. A run of `!` collapses to at most one `not` when parsed. */
export interface NotNode {
  readonly kind: 'not'
  readonly operand: SelectorNode
}

/** Two or more operands joined by `&&` or by `||`; a chain `a && b && c` is one node. */
export interface JunctionNode {
  readonly kind: 'and' | 'or'
  readonly operands: readonly SelectorNode[]
}

export type SelectorNode = ConstantNode | HasNode | CompareNode | SetNode | NotNode | JunctionNode
