import { defineStore } from 'pinia'
import { computed, shallowRef, watch } from 'vue'
import { applyCommand, describeCommand, type Command } from '../../../shared/commands/commands'
import { EMPTY_HISTORY, recordEdit, redo, undo, type History } from '../../../shared/commands/history'
import { afterEdit, NO_REPLACEMENTS, replaceDocument, stepBack, stepForward, type Replacements, type Step } from '../../../shared/commands/replacedDocuments'
import { hasErrors, type Diagnostic } from '../../../shared/diagnostics'
import { checkEdit } from '../../../shared/edit/checkedEdit'
import { checkFieldEdit } from '../../../shared/edit/fieldEdit'
import { liveDiagnostics } from '../../../shared/edit/liveDiagnostics'
import { loadDesign, type LoadResult } from '../../../shared/format/loadDesign'
import { reasonsNotToOpen } from '../../../shared/format/openable'
import { saveDesign } from '../../../shared/format/saveDesign'
import { createEmptyDesign, type Design } from '../../../shared/model/design'
import { addressPlanOf, designSummary } from '../../../shared/plan/addressPlan'
import { computeNetwork, type NetworkState } from '../../../shared/routing/network'
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

function designName(fileName: string): string {
  // `lab.peerlab.yaml`, the name the desktop associates with Peerlab, is the design `lab`.
  return fileName.replace(/(?:\.peerlab)?\.ya?ml$/i, '')
}

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
   * Sessions, routes, IPAM and every check of the design, worked out just after each edit rather
   * than during it: on a thousand hosts they take a few hundred milliseconds, and the edit itself
   * should be on screen before that. The canvas shows new hosts at once, their sessions a moment later.
   */
  const analyse = (): { design: Design; network: NetworkState; diagnostics: readonly Diagnostic[] } => {
    const network = computeNetwork(design.value)
    return { design: design.value, network, diagnostics: liveDiagnostics(loaded.value, design.value, network.diagnostics) }
  }
  const analysis = shallowRef(analyse())
  let analysisTimer: ReturnType<typeof setTimeout> | undefined
  watch([design, loaded], () => {
    if (analysisTimer !== undefined) return
    const run = (): void => {
      if (analysisTimer === undefined) return
      clearTimeout(analysisTimer)
      analysisTimer = undefined
      analysis.value = analyse()
    }
    // After the next frame: a timer set now could run before the browser paints the edit. Frames
    // stop in a hidden or background window, so a later timer makes sure the analysis still comes.
    analysisTimer = setTimeout(run, 250)
    requestAnimationFrame(() => setTimeout(run, 0))
  })
  const network = computed(() => analysis.value.network)
  /** The design `network` was worked out for: one edit behind `design` until the analysis after it runs. */
  const analysedDesign = computed(() => analysis.value.design)
  const diagnostics = computed(() => analysis.value.diagnostics)
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
    commit(applyCommand(design.value, command), describeCommand(command, design.value), group)
  }

  /** Applies an edit only if the engine accepts it; otherwise returns the errors it would add. */
  function tryDispatch(command: Command): readonly Diagnostic[] {
    const checked = checkEdit(design.value, command)
    if (checked.problems.length === 0) commit(checked.design, describeCommand(command, design.value))
    return checked.problems
  }

  /**
   * Writes what was typed into one inspector field (a range typed anew renumbers what is in it),
   * as one undo step, unless the engine refuses it; returns why, with the edit that works.
   */
  function tryEdit(id: string, key: string, text: string): readonly Diagnostic[] {
    const checked = checkFieldEdit(design.value, id, key, text)
    if (checked.problems.length === 0) commit(checked.design, checked.label)
    return checked.problems
  }

  /** An edit made elsewhere on the current design (the lab console's kubectl apply): one undo step. */
  function recordChange(label: string, before: Design, after: Design): void {
    if (before !== design.value) return
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

  /** The file's next text: the design written over the text it was loaded from, so nothing of the user's is lost. */
  function textToSave(): string {
    return saveDesign(design.value, file.value?.text ?? '')
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
    network,
    analysedDesign,
    diagnostics,
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
    recordChange,
    undoLast,
    redoNext,
    textToSave,
    markSaved,
  }
})
