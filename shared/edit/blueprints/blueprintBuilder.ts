import { parseAsNumber } from '../../bgp/asNumber'
import { bgpGlobals } from '../../bgp/speakers'
import { applyCommand, type Command } from '../../commands/commands'
import type { Design, OpaqueResource } from '../../model/design'
import { resourcesOf } from '../../model/query'
import { uniqueName } from '../uniqueName'

/**
 * Collects the commands of a blueprint while keeping the design they lead to, so that each step
 * sees what the steps before it added: fresh names, free addresses and AS numbers stay fresh.
 */
export class BlueprintBuilder {
  private readonly commands: Command[] = []

  constructor(public design: Design) {}

  add(command: Command): void {
    this.commands.push(command)
    this.design = applyCommand(this.design, command)
  }

  apply(resource: OpaqueResource): void {
    this.add({ type: 'apply', resource })
  }

  /** Everything added, as one undo step. */
  batch(label: string): Command {
    return { type: 'batch', label, commands: [...this.commands] }
  }

  /** `base` itself when no resource of `kind` has that name, else `base-1`, `base-2`, … */
  freshName(kind: string, base: string): string {
    const taken = new Set(this.design.entries.filter((e) => e.resource.kind === kind).map((e) => e.resource.metadata.name))
    return taken.has(base) ? uniqueName(taken, base) : base
  }

  /** The first AS number from `from` up that no router, node or the cluster uses yet. */
  freshAsNumber(from: number): number {
    const taken = new Set<number | undefined>([bgpGlobals(this.design).asNumber])
    for (const router of resourcesOf(this.design, 'peerlab.dev/v1alpha1/Router')) taken.add(parseAsNumber(router.spec.asNumber))
    for (const node of resourcesOf(this.design, 'projectcalico.org/v3/Node')) taken.add(parseAsNumber(node.spec?.bgp?.asNumber))
    let asNumber = from
    while (taken.has(asNumber)) asNumber++
    return asNumber
  }
}
