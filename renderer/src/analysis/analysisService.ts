import { applyCommand, describeCommand } from '../../../shared/commands/commands'
import { LabConsole } from '../../../shared/console/labConsole'
import type { Diagnostic } from '../../../shared/diagnostics'
import { liveDiagnostics } from '../../../shared/edit/liveDiagnostics'
import { nodeBadges, type NodeBadge } from '../../../shared/explain/nodeBadges'
import { loadDesign, type LoadResult } from '../../../shared/format/loadDesign'
import { saveDesign } from '../../../shared/format/saveDesign'
import type { Design, EntityId } from '../../../shared/model/design'
import { computeNetwork } from '../../../shared/routing/network'
import { canvasSessions, type CanvasSessions } from '../../../shared/topology/canvasSessions'
import { withBundles } from '../../../shared/topology/designerGraph'
import { validateDesign } from '../../../shared/validate/validateDesign'
import { designName } from './designName'
import { DESIGNS_HELD, FILES_HELD, RecentIds, type ConsoleRun, type DesignRef, type FileRef, type FromWorker, type ToWorker } from './protocol'
import { QUERIES, type QueryContext, type QueryName } from './queries'
import { SessionsSender } from './sessionsTransfer'

/** A file the design is saved over, as read. */
interface OpenFile {
  readonly text: string
  readonly loaded: LoadResult
}

/**
 * The analysis of the open design, as the worker runs it off the UI thread: it holds its own copy
 * of the design, made from the edits the UI sends, works out sessions, routes and every check
 * after each, and answers the views' questions about the result. It also runs the lab console,
 * whose commands read the same network. `post` sends a message back to the UI.
 */
export function createAnalysisService(post: (message: FromWorker) => void): (message: ToWorker) => void {
  const designs = new RecentIds<Design>(DESIGNS_HELD)
  const files = new RecentIds<OpenFile>(FILES_HELD)
  const EMPTY_FILE: OpenFile = { text: '', loaded: loadDesign('') }
  let current: { version: number; design: Design; file: OpenFile } = { version: 0, design: EMPTY_FILE.loaded.design, file: EMPTY_FILE }
  let labConsole: LabConsole | undefined
  /** Set while the console's own edit is on its way to the UI and back: the console is ahead of `current` until then. */
  let consoleAhead = false

  function fileOf(ref: FileRef): OpenFile {
    if (ref.id === 0) return EMPTY_FILE
    if ('text' in ref) {
      const file = { text: ref.text, loaded: loadDesign(ref.text, ref.name !== undefined ? { name: designName(ref.name) } : {}) }
      files.touch(ref.id, file)
      return file
    }
    const known = files.get(ref.id)
    if (!known) throw new Error(`the analysis worker no longer holds file ${ref.id}`)
    return known
  }

  function designOf(ref: DesignRef, file: OpenFile): Design {
    let design: Design | undefined
    if ('commands' in ref) {
      const base = designs.get(ref.base)
      if (!base) throw new Error(`the analysis worker no longer holds design ${ref.base}`)
      design = ref.commands.reduce(applyCommand, base)
    } else if ('file' in ref) design = file.loaded.design
    else if ('text' in ref) design = loadDesign(ref.text, { name: designName(ref.name) }).design
    else if ('design' in ref) design = ref.design
    else design = designs.get(ref.id)
    if (!design) throw new Error(`the analysis worker no longer holds design ${ref.id}`)
    designs.touch(ref.id, design)
    return design
  }

  /** The console follows the design as the app's does: an edit anywhere is the same lab's cluster changing. */
  function consoleNow(): LabConsole {
    labConsole ??= startConsole()
    if (!consoleAhead && labConsole.design !== current.design) labConsole.setDesign(current.design)
    return labConsole
  }

  function startConsole(): LabConsole {
    return new LabConsole(current.design, {
      onEdit: (command, before) => {
        consoleAhead = true
        post({ kind: 'console-edit', command, label: `${describeCommand(command, before)} (console)` })
      },
    })
  }

  /** Lets queued messages in: a newer design makes the rest of this analysis pointless, a question is answered between stages. */
  const breathe = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

  /**
   * The badges and problems last sent, as JSON: most edits (an alias, a position) leave them as they
   * were, and then the UI is told so rather than sent thousands of them to read. Sessions go the
   * same way, or as runs of the ones sent last (see SessionsSender).
   */
  const sent = new Map<'routes' | 'diagnostics', string>()
  function unchanged(kind: 'routes' | 'diagnostics', result: unknown): boolean {
    const json = JSON.stringify(result)
    if (sent.get(kind) === json) return true
    sent.set(kind, json)
    return false
  }

  const sessionsSender = new SessionsSender()
  function sendSessions(version: number, sessions: CanvasSessions): void {
    for (const message of sessionsSender.messages(version, sessions)) post(message)
  }

  function sendRoutes(version: number, badges: ReadonlyMap<EntityId, NodeBadge>, poolCidrs: readonly string[]): void {
    if (unchanged('routes', [[...badges], poolCidrs])) return post({ kind: 'routes', version, same: true })
    post({ kind: 'routes', version, badges, poolCidrs })
  }

  function sendDiagnostics(version: number, diagnostics: readonly Diagnostic[], validated: readonly Diagnostic[]): void {
    if (unchanged('diagnostics', [diagnostics, validated])) return post({ kind: 'diagnostics', version, same: true })
    post({ kind: 'diagnostics', version, diagnostics, validated })
  }

  let running = false
  async function analyse(): Promise<void> {
    if (running) return
    running = true
    try {
      for (let done = -1; done !== current.version;) {
        await breathe()
        const { version, design, file } = current
        const stale = (): boolean => current.version !== version
        post({ kind: 'stage', version, stage: 'sessions' })
        const network = computeNetwork(design)
        if (stale()) continue
        sendSessions(version, withBundles(design, canvasSessions(network.sessionSet)))
        await breathe()
        if (stale()) continue
        post({ kind: 'stage', version, stage: 'routes' })
        sendRoutes(
          version,
          nodeBadges(network),
          network.ipam.pools.map((p) => p.resource.spec.cidr),
        )
        await breathe()
        if (stale()) continue
        post({ kind: 'stage', version, stage: 'diagnostics' })
        sendDiagnostics(version, liveDiagnostics(file.loaded, design, network.diagnostics), validateDesign(design))
        // The console's timeline sees each design, as it saw each edit on the UI thread.
        if (labConsole) consoleNow()
        done = version
      }
    } finally {
      running = false
    }
  }

  function answer(ask: number, work: () => unknown): void {
    try {
      post({ kind: 'answer', ask, value: work() })
    } catch (error) {
      post({ kind: 'answer', ask, error: (error as Error).message })
    }
  }

  function handle(message: ToWorker): void {
    switch (message.kind) {
      case 'state': {
        const file = fileOf(message.file)
        current = { version: message.version, design: designOf(message.design, file), file }
        consoleAhead = false
        void analyse()
        return
      }
      case 'query': {
        // An answer for another version would name things the UI does not show: it asks again for its own.
        if (message.version !== current.version) return post({ kind: 'answer', ask: message.ask, stale: true })
        const context: QueryContext = { design: current.design, network: computeNetwork(current.design), console: consoleNow }
        const run = QUERIES[message.name as QueryName] as (context: QueryContext, ...args: readonly unknown[]) => unknown
        return answer(message.ask, () => run(context, ...message.args))
      }
      case 'text':
        return answer(message.ask, () => saveDesign(current.design, current.file.text))
      case 'console-start':
        labConsole = startConsole()
        return answer(message.ask, () => labConsole?.prompt)
      case 'console-run':
        return answer(message.ask, (): ConsoleRun => {
          const session = consoleNow()
          return { entries: session.run(message.text), prompt: session.prompt }
        })
    }
  }

  return handle
}
