import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { hasErrors, type Diagnostic } from '../../../shared/diagnostics'
import { saveDesign } from '../../../shared/format/saveDesign'
import { checkBundle } from '../../../shared/validate/checkBundle'
import { EMPTY_HISTORY, recordEdit, redo as redoEdit, undo as undoEdit, type History } from '../../../shared/commands/history'
import { createEmptyDesign, type Design } from '../../../shared/model/design'
import { validateDesign } from '../../../shared/validate/validateDesign'
import { addressPlanOf, designSummary } from '../../../shared/plan/addressPlan'
import { buildTopologyGraph } from '../../../shared/topology/topologyGraph'

/** The open file: its text as read, so saving never loses what the engine does not model yet. */
export interface OpenFile {
  readonly name: string
  readonly path?: string
  readonly text: string
}

/** Thin wrapper over the engine: holds the open design, derives everything else with engine calls. */
export const useDesignStore = defineStore('design', () => {
  const file = shallowRef<OpenFile | undefined>()
  const design = shallowRef<Design>(createEmptyDesign())
  const diagnostics = shallowRef<readonly Diagnostic[]>([])
  const graph = computed(() => buildTopologyGraph(design.value))
  const hasLoadErrors = computed(() => hasErrors(diagnostics.value))
  const addressPlan = computed(() => addressPlanOf(design.value))
  const summary = computed(() => designSummary(design.value))
  const history = shallowRef<History>(EMPTY_HISTORY)
  const canUndo = computed(() => history.value.past.length > 0)
  const canRedo = computed(() => history.value.future.length > 0)
  const undoLabel = computed(() => history.value.past.at(-1)?.label)

  /** Replaces the open design; opening a file is never an undoable edit. */
  function open(next: OpenFile): void {
    const result = checkBundle(next.text, { name: next.name.replace(/\.ya?ml$/i, '') })
    file.value = next
    design.value = result.design
    diagnostics.value = result.diagnostics
    history.value = EMPTY_HISTORY
  }

  /** Shows `next` after an edit made elsewhere (the console): one undo step, diagnostics checked again. */
  function recordChange(label: string, before: Design, next: Design): void {
    history.value = recordEdit(history.value, { label, before, after: next })
    show(next)
  }

  function show(next: Design): void {
    design.value = next
    diagnostics.value = validateDesign(next)
  }

  function undo(): string | undefined {
    const step = undoEdit(history.value)
    if (!step) return undefined
    history.value = step.history
    show(step.design)
    return step.label
  }

  function redo(): string | undefined {
    const step = redoEdit(history.value)
    if (!step) return undefined
    history.value = step.history
    show(step.design)
    return step.label
  }

  /** The file's next text: the design written over the text it was loaded from, so nothing of the user's is lost. */
  function textToSave(): string {
    return saveDesign(design.value, file.value?.text ?? '')
  }

  function markSaved(saved: { name: string; path?: string; text: string }): void {
    file.value = { name: saved.name, text: saved.text, ...(saved.path !== undefined ? { path: saved.path } : {}) }
  }

  return { file, design, diagnostics, graph, hasLoadErrors, addressPlan, summary, canUndo, canRedo, undoLabel, open, recordChange, undo, redo, textToSave, markSaved }
})
