import type { Command } from '../../../shared/commands/commands'
import type { Diagnostic } from '../../../shared/diagnostics'
import type { NodeBadge } from '../../../shared/explain/nodeBadges'
import type { Design, EntityId } from '../../../shared/model/design'
import type { CanvasSessions } from '../../../shared/topology/canvasSessions'
import { createAnalysisService } from './analysisService'
import { SessionsReceiver } from './sessionsTransfer'
import { DESIGNS_HELD, FILES_HELD, RecentIds, type DesignRef, type FileRef, type FromWorker, type ToWorker } from './protocol'

/** The open file as the store holds it: the worker reads its text once. */
export interface AnalysedFile {
  readonly name: string
  readonly text: string
}

/** What the worker sends back, by stage, for the UI to show. */
export type AnalysisResult =
  | { readonly kind: 'stage'; readonly version: number; readonly stage: Extract<FromWorker, { kind: 'stage' }>['stage'] }
  /** The canvas's sessions: the very object of the version before when they did not change, so nothing that reads them need work them through again. */
  | { readonly kind: 'sessions'; readonly version: number; readonly sessions: CanvasSessions }
  /** The badges and pools: the very objects of the version before when they did not change. */
  | { readonly kind: 'routes'; readonly version: number; readonly badges: ReadonlyMap<EntityId, NodeBadge>; readonly poolCidrs: readonly string[] }
  /** The Problems list and the design's checks: the very arrays of the version before when they did not change. */
  | { readonly kind: 'diagnostics'; readonly version: number; readonly diagnostics: readonly Diagnostic[]; readonly validated: readonly Diagnostic[] }
  | Extract<FromWorker, { kind: 'console-edit' }>

type Ask = Extract<ToWorker, { ask: number }>
type Unasked<M> = M extends { ask: number } ? Omit<M, 'ask'> : never

/** Past this many edits since a design the worker holds, the design itself is sent. */
const MAX_COMMANDS = 50

/** Thrown to one who asked about a design the worker has since moved past. */
export class StaleAnswer extends Error {}

/**
 * The UI thread's end of the analysis worker: tells it of each design as cheaply as it can be
 * described (see DesignRef), makes up the sessions it sends (see SessionsReceiver), and pairs
 * answers with questions.
 */
export class AnalysisClient {
  private readonly send: (message: ToWorker) => void
  /** Where the analysis runs: a worker, or this thread where there are none (Node, in the unit tests). */
  readonly thread: 'worker' | 'inline'
  private readonly ids = new WeakMap<object, number>()
  private nextId = 1
  /** The same bookkeeping as the worker's: which designs and files it still holds. */
  private readonly heldDesigns = new RecentIds<true>(DESIGNS_HELD)
  private readonly heldFiles = new RecentIds<true>(FILES_HELD)
  /** How a design was made, when it was made by one command: the worker makes it the same way. */
  private readonly origins = new WeakMap<Design, { readonly base: Design; readonly command: Command }>()
  /** Designs read from a file's text: the worker reads the text, not the design. */
  private readonly fromText = new WeakMap<Design, { readonly text: string; readonly name: string; readonly file?: AnalysedFile }>()
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  private nextAsk = 1
  private readonly sessions = new SessionsReceiver()
  private lastDiagnostics: { readonly diagnostics: readonly Diagnostic[]; readonly validated: readonly Diagnostic[] } = { diagnostics: [], validated: [] }
  private lastRoutes: { readonly badges: ReadonlyMap<EntityId, NodeBadge>; readonly poolCidrs: readonly string[] } = { badges: new Map(), poolCidrs: [] }

  constructor(private readonly onResult: (result: AnalysisResult) => void) {
    if (typeof Worker !== 'undefined') {
      const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' })
      worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data)
      worker.onerror = (event) => console.error('analysis worker:', event.message)
      this.send = (message) => worker.postMessage(message)
      this.thread = 'worker'
    } else {
      // The same service and the same copies a worker makes, a task later: only the thread differs.
      const handle = createAnalysisService((message) => setTimeout(() => this.receive(structuredClone(message))))
      this.send = (message) => setTimeout(() => handle(structuredClone(message)))
      this.thread = 'inline'
    }
  }

  /** `after` is `command` applied to `base`. */
  madeBy(after: Design, base: Design, command: Command): void {
    if (after !== base) this.origins.set(after, { base, command })
  }

  /** `design` is what `text` reads as (the design of `file`, when it is that file's). */
  readFrom(design: Design, text: string, name: string, file?: AnalysedFile): void {
    this.fromText.set(design, { text, name, ...(file ? { file } : {}) })
  }

  private idOf(thing: object): number {
    let id = this.ids.get(thing)
    if (id === undefined) this.ids.set(thing, (id = this.nextId++))
    return id
  }

  private designRef(design: Design, file: AnalysedFile | undefined): DesignRef {
    const id = this.idOf(design)
    const made = this.heldDesigns.has(id) ? undefined : this.madeFromHeld(design)
    const read = this.fromText.get(design)
    let ref: DesignRef
    if (this.heldDesigns.has(id)) ref = { id }
    else if (made) {
      // The worker touches the base as it reads it, and so does this side.
      this.heldDesigns.touch(made.base, true)
      ref = { id, ...made }
    } else if (read?.file && read.file === file) ref = { id, file: this.idOf(file) }
    else if (read) ref = { id, text: read.text, name: read.name }
    else ref = { id, design }
    this.heldDesigns.touch(id, true)
    return ref
  }

  /**
   * The commands that made `design` from one the worker holds, oldest first: edits made before the
   * next frame go as one version, and the designs between them were never sent.
   */
  private madeFromHeld(design: Design): { base: number; commands: Command[] } | undefined {
    const commands: Command[] = []
    for (let made = design; commands.length < MAX_COMMANDS;) {
      const origin = this.origins.get(made)
      if (!origin) return undefined
      commands.unshift(origin.command)
      made = origin.base
      if (this.heldDesigns.has(this.idOf(made))) return { base: this.idOf(made), commands }
    }
    return undefined
  }

  private fileRef(file: AnalysedFile | undefined): FileRef {
    const id = file ? this.idOf(file) : 0
    const ref: FileRef = this.heldFiles.has(id) || !file ? { id } : { id, text: file.text, name: file.name }
    if (file) this.heldFiles.touch(id, true)
    return ref
  }

  /** The design to analyse now, as version `version`; `file` is the file it is saved over. */
  analyse(version: number, design: Design, file: AnalysedFile | undefined): void {
    const fileRef = this.fileRef(file)
    this.post({ kind: 'state', version, file: fileRef, design: this.designRef(design, file) })
  }

  ask<T>(message: Unasked<Ask>): Promise<T> {
    const ask = this.nextAsk++
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(ask, { resolve: resolve as (value: unknown) => void, reject })
      this.post({ ...message, ask } as Ask)
    })
  }

  private post(message: ToWorker): void {
    this.send(message)
  }

  private receive(message: FromWorker): void {
    switch (message.kind) {
      case 'answer': {
        const waiter = this.waiting.get(message.ask)
        this.waiting.delete(message.ask)
        if (message.stale) waiter?.reject(new StaleAnswer('asked about an older design'))
        else if (message.error !== undefined) waiter?.reject(new Error(message.error))
        else waiter?.resolve(message.value)
        return
      }
      case 'sessions-part':
      case 'sessions': {
        const sessions = this.sessions.receive(message)
        if (sessions) this.onResult({ kind: 'sessions', version: message.version, sessions })
        return
      }
      case 'routes': {
        if (!('same' in message)) this.lastRoutes = { badges: message.badges, poolCidrs: message.poolCidrs }
        return this.onResult({ kind: 'routes', version: message.version, ...this.lastRoutes })
      }
      case 'diagnostics': {
        if (!('same' in message)) this.lastDiagnostics = { diagnostics: message.diagnostics, validated: message.validated }
        return this.onResult({ kind: 'diagnostics', version: message.version, ...this.lastDiagnostics })
      }
      default:
        return this.onResult(message)
    }
  }
}
