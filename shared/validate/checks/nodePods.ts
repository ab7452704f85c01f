import { entityId } from '../../model/design'
import { resourcesOf } from '../../model/query'
import { DEFAULT_MAX_PODS, MAX_PODS_PATHS, parsePodCount } from '../../ipam/maxPods'
import type { ValidationContext } from '../context'

/** A node's pod count (its kubelet's maxPods) must be a number, or capacity falls back to the default. */
export function checkNodePods(context: ValidationContext): void {
  for (const node of resourcesOf(context.design, 'v1/Node')) {
    for (const path of MAX_PODS_PATHS) {
      const [, group, field] = path
      const value = (node.status?.[group] as Record<string, unknown> | undefined)?.[field]
      if (value === undefined) continue
      const parsed = parsePodCount(value)
      if (!parsed.ok)
        context.report({
          code: 'node.max-pods',
          severity: 'warning',
          message: `Node ${node.metadata.name} ${path.join('.')}: ${parsed.message}; capacity ignores it (the kubelet default is ${DEFAULT_MAX_PODS})`,
          subject: entityId(node),
          path: [...path],
        })
    }
  }
}
