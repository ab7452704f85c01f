import { entityId } from '../../model/design'
import { resourcesOf } from '../../model/query'
import type { ValidationContext } from '../context'

/**
 * Annotations change nothing in the network; only their shape is checked (on load, by the Layout
 * kind's fields) and that each can be told apart: the canvas and undo find one by its id.
 */
export function checkAnnotations(context: ValidationContext): void {
  for (const layout of resourcesOf(context.design, 'peerlab.dev/v1alpha1/Layout')) {
    const seen = new Set<string>()
    layout.spec.annotations?.forEach((annotation, index) => {
      if (seen.has(annotation.id)) {
        context.report({
          code: 'layout.duplicate-annotation',
          message: `annotation id "${annotation.id}" is used twice in the Layout: give each note and rectangle its own id`,
          subject: entityId(layout),
          path: ['spec', 'annotations', index, 'id'],
        })
      }
      seen.add(annotation.id)
    })
  }
}
