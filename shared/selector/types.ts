/** Public types of the Calico label selector library. */

/** A label set: key to value, as in `metadata.labels` of a Calico or Kubernetes resource. */
export type Labels = Readonly<Record<string, string>>

/**
 * A parsed Calico selector. Parse once with `parseSelector`, then call
 * `matches` as often as needed: evaluation does no parsing or allocation.
 */
export interface Selector {
  /** The text exactly as given to `parseSelector`. */
  readonly source: string
  /** True when the label set satisfies the selector, as Calico's `Selector.Evaluate` decides. */
  matches(labels: Labels): boolean
  /**
   * Calico's normal form, as its `Selector.String()` prints it (and `calicoctl`
   * shows it): `""` becomes `all()`, `&&`/`||` groups are parenthesized, set
   * members sorted and de-duplicated, whitespace tidied.
   */
  readonly canonical: string
}

/**
 * Result of `parseSelector`. On failure, `message` is Calico's own error text
 * (what `calicoctl` would report) and `position` is the UTF-16 offset in the
 * input where the problem was found (`text.length` for an unexpected end).
 */
export type SelectorParseResult = { readonly ok: true; readonly selector: Selector } | { readonly ok: false; readonly message: string; readonly position: number }
