import { defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import { applyCommand, describeCommand, type Command } from '../../../shared/commands/commands'
import { EMPTY_HISTORY, recordEdit, redo, undo, type History } from '../../../shared/commands/history'
import { afterEdit, NO_REPLACEMENTS, replaceDocument, stepBack, stepForward, type Replacements, type Step } from '../../../shared/commands/replacedDocuments'
import { hasErrors, type Diagnostic } from '../../../shared/diagnostics'
import { checkEdit } from '../../../shared/edit/checkedEdit'
import { checkFieldEdit } from '../../../shared/edit/fieldEdit'
import { loadDesign, type LoadResult } from '../../../shared/format/loadDesign'
import { reasonsNotToOpen } from '../../../shared/format/openable'
import { createEmptyDesign, type Design } from '../../../shared/model/design'
import { addressPlanOf, designSummary } from '../../../shared/plan/addressPlan'
import type { CanvasSessions } from '../../../shared/topology/canvasSessions'
import { primeValidation } from '../../../shared/validate/validateDesign'
import { afterNextFrame } from '../analysis/afterNextFrame'
import { AnalysisClient, type AnalysisResult } from '../analysis/analysisClient'
import { designName } from '../analysis/designName'
import type { ConsoleRun, Stage } from '../analysis/protocol'
import type { QueryAnswer, QueryArgs, QueryName } from '../analysis/queries'
import { NEW_DESIGN_TEXT } from '../newDesign'

/** The open file: its text as read, so saving never loses what the engine does not model yet. */
export interface OpenFile {
  readonly name: string
  readonly path?: string
  readonly text: string
}

/** A file read and checked but not shown yet: opening it replaces the design, refusing it changes nothing. */
export interface ReadFile {
  readonly file: OpenFile
  readonly result: LoadResult
  /** Why the file cannot replace the design; empty when it can. */
  readonly refusals: readonly Diagnostic[]
}

/** Everything that makes up one open document, as Undo puts it back after an Open. */
interface DocumentState {
  readonly file: OpenFile | undefined
  readonly loaded: LoadResult
  readonly design: Design
  readonly saved: Design
  readonly history: History
}

/** How long an analysis runs before the app says it is under way. */
const PROGRESS_AFTER_MS = 300

/** Thin wrapper over the engine: holds the open design and its undo history, derives everything else with engine calls. */
export const useDesignStore = defineStore('design', () => {
  const file = shallowRef<OpenFile | undefined>()
  const loaded = shallowRef<LoadResult>(loadDesign(''))
  const design = shallowRef<Design>(createEmptyDesign())
  /** The design as last opened or saved: the document is dirty whenever it is another object. */
  const saved = shallowRef<Design>(design.value)
  const history = shallowRef<History>(EMPTY_HISTORY)
  const replacements = shallowRef<Replacements<DocumentState>>(NO_REPLACEMENTS)
  /** Bumped when a different document is shown, so views can fit it rather than keep the old viewport. */
  const documentVersion = shallowRef(0)

  /**
   * Sessions, routes, IPAM and every check of the design, worked out by the analysis worker after
   * each edit, off the UI thread: on thousands of hosts they take seconds. Results come in stages
   * (sessions for the canvas, then what the host panel and badges need, then the Problems panel),
   * each for the version of the design it was worked out for; a result of an older version than
   * one already shown is dropped. Views ask the rest of the worker through the hostQuery store.
   */
  const analysis = new AnalysisClient((result) => receive(result))
  /** Bumped each time the design or its file changes: the worker's results say which version they are of. */
  let version = 0
  /** The designs of versions sent and not yet shown, so that a result names things as its own design did. */
  const pending = new Map<number, Design>()
  const analysed = shallowRef<{ version: number; design: Design }>({ version: 0, design: design.value })
  /** Set only when they change: an edit that leaves the sessions as they were redraws nothing when its analysis arrives. */
  const sessions = shallowRef<CanvasSessions>({ edges: [], mesh: undefined })
  const routed = shallowRef<Extract<AnalysisResult, { kind: 'routes' }>>({ kind: 'routes', version: 0, badges: new Map(), poolCidrs: [] })
  const checked = shallowRef<{ version: number; diagnostics: readonly Diagnostic[] }>({ version: 0, diagnostics: [] })
  /** The stage the latest version's analysis is in, once it has taken long enough to say so; undefined when none is. */
  const progress = shallowRef<Stage | undefined>()
  let progressTimer: ReturnType<typeof setTimeout> | undefined
  let stageNow: Stage = 'sessions'
  /** Stages as they arrived, for the e2e test that they come in order (a few dozen at most are kept). */
  const stageLog: { version: number; stage: Stage | 'done' }[] = []
  const logStage = (entry: { version: number; stage: Stage | 'done' }): void => {
    stageLog.push(entry)
    if (stageLog.length > 60) stageLog.splice(0, stageLog.length - 60)
  }

  function receive(result: AnalysisResult): void {
    if (result.kind === 'console-edit') return applyConsoleEdit(result.command, result.label)
    if (result.kind === 'stage') {
      logStage(result)
      if (result.version === version) stageNow = result.stage
      if (progress.value !== undefined && result.version === version) progress.value = result.stage
      return
    }
    if (result.kind === 'sessions') {
      const made = pending.get(result.version)
      if (!made || result.version < analysed.value.version) return
      for (const v of pending.keys()) if (v < result.version) pending.delete(v)
      analysed.value = { version: result.version, design: made }
      sessions.value = result.sessions
    } else if (result.kind === 'routes') {
      if (result.version >= routed.value.version) routed.value = result
    } else if (result.version >= checked.value.version) {
      const made = pending.get(result.version)
      if (made) primeValidation(made, result.validated)
      checked.value = { version: result.version, diagnostics: result.diagnostics }
      logStage({ version: result.version, stage: 'done' })
      if (result.version === version) {
        clearTimeout(progressTimer)
        progressTimer = undefined
        progress.value = undefined
      }
    }
  }

  /** Tells the worker of the design as it is now; edits made before the next frame go as one version. */
  let queued = false
  function sendState(): void {
    queued = false
    version += 1
    pending.set(version, design.value)
    analysis.analyse(version, design.value, file.value)
    stageNow = 'sessions'
    // Anything over ~300 ms says it is under way and which stage it is in; shorter, and it would only flicker.
    if (progressTimer === undefined && progress.value === undefined)
      progressTimer = setTimeout(() => {
        progressTimer = undefined
        if (checked.value.version < version) progress.value = stageNow
      }, PROGRESS_AFTER_MS)
  }
  /** Sends a change not sent yet, so that a question asked now is about the design as it is now. */
  const sendPending = (): void => {
    if (queued) sendState()
  }
  watch(
    [design, file],
    ([, nextFile], [, lastFile]) => {
      const otherFile = nextFile !== lastFile
      if (queued && !otherFile) return
      queued = true
      // An edit is drawn before the worker starts on it: with few cores the worker's analysis and
      // the canvas's redraw share them (at 5,000 hosts on 2 cores the redraw took 32-55 ms beside
      // the worker and 21-27 ms alone), and the redraw is what the user waits for. The analysis
      // waits one frame. Another file (opened, saved, restored) is sent at once: the first drawing
      // of one opened is long enough that the worker is better started beside it.
      if (otherFile) queueMicrotask(sendPending)
      else afterNextFrame(sendPending)
    },
    { flush: 'sync' },
  )
  sendState()

  /** The sessions, as the canvas draws them, of the analysed design. */
  const sessionEdges = computed(() => sessions.value)
  /** The design `sessionEdges` were worked out for: behind `design` until the worker's sessions for it arrive. */
  const analysedDesign = computed(() => analysed.value.design)
  /** The version of the design `sessionEdges` and the worker's answers are of. */
  const analysedVersion = computed(() => analysed.value.version)
  const diagnostics = computed(() => checked.value.diagnostics)
  /** Each Calico node's blocks and pods, and the pools' ranges: small, so the worker sends them with the routes stage. */
  const badges = computed(() => routed.value.badges)
  const poolCidrs = computed(() => routed.value.poolCidrs)

  /** Asks the worker a question about the analysed network of version `asked`. */
  function ask<N extends QueryName>(asked: number, name: N, ...args: QueryArgs<N>): Promise<QueryAnswer<N>> {
    sendPending()
    return analysis.ask<QueryAnswer<N>>({ kind: 'query', version: asked, name, args })
  }
  const hasLoadErrors = computed(() => hasErrors(loaded.value.diagnostics))
  const addressPlan = computed(() => addressPlanOf(design.value))
  const summary = computed(() => designSummary(design.value))
  const isDirty = computed(() => design.value !== saved.value)
  const canUndo = computed(() => history.value.past.length > 0 || replacements.value.back.length > 0)
  const canRedo = computed(() => history.value.future.length > 0 || replacements.value.forward.length > 0)

  function current(): DocumentState {
    return { file: file.value, loaded: loaded.value, design: design.value, saved: saved.value, history: history.value }
  }

  function become(state: DocumentState): void {
    file.value = state.file
    loaded.value = state.loaded
    design.value = state.design
    saved.value = state.saved
    history.value = state.history
    documentVersion.value += 1
  }

  /** Reads a file without showing it, so that one which cannot be opened leaves the open design as it is. */
  function read(next: OpenFile): ReadFile {
    const result = loadDesign(next.text, { name: designName(next.name) })
    analysis.readFrom(result.design, next.text, next.name, next)
    return { file: next, result, refusals: reasonsNotToOpen(result) }
  }

  /**
   * Shows a file that was read, in place of the open design, which stays one Undo away with its
   * file and unsaved changes. Replacing is a new action, so the old document's Redo ends here.
   */
  function replace(next: ReadFile, label: string, edited?: Design): void {
    replacements.value = replaceDocument(replacements.value, { ...current(), history: { past: history.value.past, future: [] } }, label)
    const shown = next.result.design
    become({ file: next.file, loaded: next.result, design: edited ?? shown, saved: shown, history: EMPTY_HISTORY })
  }

  /** The first design the app shows: there is nothing before it to go back to. */
  function open(next: OpenFile): void {
    const { result } = read(next)
    become({ file: next, loaded: result, design: result.design, saved: result.design, history: EMPTY_HISTORY })
  }

  /** A design with only a cluster in it, unsaved and with nowhere to save yet. */
  function newDesign(): void {
    replace(read({ name: 'untitled.peerlab.yaml', text: NEW_DESIGN_TEXT }), 'New design')
  }

  /** Work that was never saved, brought back after a crash: dirty again, against the file it came from. */
  function restore(base: OpenFile, text: string): void {
    const work = loadDesign(text, { name: designName(base.name) })
    analysis.readFrom(work.design, text, base.name)
    replace(read(base), `Restore unsaved work on ${base.name}`, work.design)
  }

  function commit(after: Design, label: string, group?: string): void {
    const before = design.value
    history.value = recordEdit(history.value, { label, before, after, ...(group !== undefined ? { group } : {}) })
    design.value = after
    if (after !== before) replacements.value = afterEdit(replacements.value)
  }

  /** Applies an edit as one undo step; edits with the same group (one drag gesture) coalesce. */
  function dispatch(command: Command, group?: string): void {
    const after = applyCommand(design.value, command)
    analysis.madeBy(after, design.value, command)
    commit(after, describeCommand(command, design.value), group)
  }

  /** Applies an edit only if the engine accepts it; otherwise returns the errors it would add. */
  function tryDispatch(command: Command): readonly Diagnostic[] {
    const edit = checkEdit(design.value, command)
    analysis.madeBy(edit.design, design.value, command)
    if (edit.problems.length === 0) commit(edit.design, describeCommand(command, design.value))
    return edit.problems
  }

  /**
   * Writes what was typed into one inspector field (a range typed anew renumbers what is in it),
   * as one undo step, unless the engine refuses it; returns why, with the edit that works.
   */
  function tryEdit(id: string, key: string, text: string): readonly Diagnostic[] {
    const edit = checkFieldEdit(design.value, id, key, text)
    // The worker makes the same edit to its copy rather than being sent the whole design.
    if (edit.command) analysis.madeBy(edit.design, design.value, edit.command)
    if (edit.problems.length === 0) commit(edit.design, edit.label)
    return edit.problems
  }

  /** An edit the lab console made (kubectl apply), in the worker: here one undo step like any other. */
  function applyConsoleEdit(command: Command, label: string): void {
    const after = applyCommand(design.value, command)
    analysis.madeBy(after, design.value, command)
    commit(after, label)
  }

  /** Moves through history; returns the label of the step taken, or undefined when there is none. */
  function travel(step: typeof undo): string | undefined {
    const result = step(history.value)
    if (!result) return undefined
    history.value = result.history
    design.value = result.design
    return result.label
  }

  /** Past the first edit of this document, Undo goes on into the document it replaced (and Redo back). */
  function switchDocument(step: typeof stepBack): string | undefined {
    const result: Step<DocumentState> | undefined = step(replacements.value, current())
    if (!result) return undefined
    replacements.value = result.replacements
    become(result.state)
    return result.label
  }

  const undoLast = (): string | undefined => travel(undo) ?? switchDocument(stepBack)
  const redoNext = (): string | undefined => travel(redo) ?? switchDocument(stepForward)

  /**
   * The file's next text: the design written over the text it was loaded from, so nothing of the
   * user's is lost. Written in the worker: on thousands of hosts it takes half a second.
   */
  function textToSaveLater(): Promise<string> {
    sendPending()
    return analysis.ask<string>({ kind: 'text' })
  }

  function markSaved(written: { name: string; path?: string; text: string }, at: Design = design.value): void {
    file.value = { name: written.name, text: written.text, ...(written.path !== undefined ? { path: written.path } : {}) }
    loaded.value = loadDesign(written.text, { name: designName(written.name) })
    saved.value = at
  }

  return {
    file,
    design,
    history,
    documentVersion,
    sessionEdges,
    analysedDesign,
    analysedVersion,
    diagnostics,
    badges,
    poolCidrs,
    progress,
    analysisThread: analysis.thread,
    stageLog,
    ask,
    console: {
      start: (): Promise<string> => (sendPending(), analysis.ask<string>({ kind: 'console-start' })),
      run: (text: string): Promise<ConsoleRun> => (sendPending(), analysis.ask<ConsoleRun>({ kind: 'console-run', text })),
    },
    hasLoadErrors,
    addressPlan,
    summary,
    isDirty,
    canUndo,
    canRedo,
    open,
    read,
    replace,
    newDesign,
    restore,
    dispatch,
    tryDispatch,
    tryEdit,
    undoLast,
    redoNext,
    textToSaveLater,
    markSaved,
  }
})
