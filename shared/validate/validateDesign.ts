import type { Diagnostic } from '../diagnostics'
import type { SourceIndex } from '../format/loadDesign'
import type { Design } from '../model/design'
import { checkAddressPlan } from './checks/addressPlan'
import { checkAnnotations } from './checks/annotations'
import { checkBgp } from './checks/bgp'
import { checkBgpConfigurations } from './checks/bgpConfiguration'
import { checkBgpFilters } from './checks/bgpFilter'
import { checkBgpPeers } from './checks/bgpPeer'
import { checkCalicoNodes } from './checks/calicoNode'
import { checkCalicoVersionFields } from './checks/calicoVersionFields'
import { checkIpamConfiguration } from './checks/ipamConfig'
import { checkIpPools } from './checks/ipPools'
import { checkLabClock } from './checks/labClock'
import { checkNames } from './checks/names'
import { checkNodePods } from './checks/nodePods'
import { checkRouterAnnouncements } from './checks/routerAnnounce'
import { checkWorkloads } from './checks/workloads'
import { createContext } from './context'
import { sameForValidation } from './sameForValidation'

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const

/**
 * Designs are immutable, and the app asks about the same one several times per edit (the edit's
 * trial, then the problems list once it is on screen): each design is checked once.
 */
const checked = new WeakMap<Design, readonly Diagnostic[]>()
/** The design checked last: an edit to what no check reads (an alias) has its diagnostics already, and 5,000 hosts take tens of milliseconds to check. */
let last: { design: Design; diagnostics: readonly Diagnostic[] } | undefined

/**
 * Every semantic check of a design in one pass. Errors are what Calico or Kubernetes would refuse
 * and plans that cannot work; warnings are plans that work badly. A partial design (pools but no
 * hosts yet) is normal while someone draws, so checks that need hosts stay quiet without them.
 */
export function validateDesign(design: Design): Diagnostic[] {
  let diagnostics = checked.get(design)
  if (!diagnostics) {
    diagnostics = last && sameForValidation(last.design, design) ? last.diagnostics : checkDesign(design)
    checked.set(design, diagnostics)
  }
  last = { design, diagnostics }
  return [...diagnostics]
}

/**
 * Takes the diagnostics of a design as checked elsewhere from the same resources (the analysis
 * worker checks every design the app shows): trying the next edit on it then checks only the
 * design after the edit, which on thousands of hosts is tens of milliseconds fewer on the UI thread.
 */
export function primeValidation(design: Design, diagnostics: readonly Diagnostic[]): void {
  if (!checked.has(design)) checked.set(design, diagnostics)
}

/** Every check run on the design, with nothing reused: what validateDesign must always agree with. */
export function checkDesign(design: Design): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  const context = createContext(design, diagnostics)
  checkNames(context)
  checkCalicoVersionFields(context)
  checkIpPools(context)
  checkAddressPlan(context)
  checkBgp(context)
  checkBgpFilters(context)
  checkBgpPeers(context)
  checkRouterAnnouncements(context)
  checkBgpConfigurations(context)
  checkCalicoNodes(context)
  checkIpamConfiguration(context)
  checkWorkloads(context)
  checkNodePods(context)
  checkLabClock(context)
  checkAnnotations(context)
  return diagnostics.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.subject ?? '').localeCompare(b.subject ?? '') || a.code.localeCompare(b.code))
}

/** Adds document, line and field to diagnostics whose subject came from a file. */
export function locateDiagnostics(diagnostics: readonly Diagnostic[], sourceIndex: SourceIndex): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.location || d.subject === undefined) return d
    const location = sourceIndex.locate(d.subject, d.path ?? [])
    return location ? { ...d, location } : d
  })
}
