import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { alignCommand, distributeCommand, type Alignment, type Distribution } from '../../../shared/edit/alignHosts'
import { copySelection, pasteClip, type Clip } from '../../../shared/edit/copyPaste'
import { entityLabel } from '../../../shared/model/entityLabel'
import { useCanvasStore } from './canvas'
import { useDesignStore } from './design'

const isHost = (id: string): boolean => id.startsWith('node/') || id.startsWith('router/')
const isPlaced = (id: string): boolean => isHost(id) || id.startsWith('segment/')

/** What the keyboard, the canvas menu and the inspector do with the selection: thin calls into shared/edit. */
export const useSelectionStore = defineStore('selection', () => {
  const store = useDesignStore()
  const canvas = useCanvasStore()
  /** What Copy took, kept in the app rather than the system clipboard: a copy of resources, not text. */
  const clip = shallowRef<Clip>()

  const hosts = computed(() => canvas.selected.filter(isHost))
  const canCopy = computed(() => canvas.selected.some(isPlaced))
  const canAlign = computed(() => hosts.value.length >= 2)
  const canDistribute = computed(() => hosts.value.length >= 3)

  const say = (text: string): void => {
    canvas.message = text
  }
  const named = (ids: readonly string[]): string => (ids.length === 1 ? entityLabel(store.design, ids[0] as string) : `${ids.length} items`)

  /** Returns whether anything was copied, so Ctrl+C is left to the page otherwise. */
  function copy(): boolean {
    const taken = copySelection(store.design, canvas.selected)
    if (!taken) return false
    clip.value = taken
    say(`Copied ${named(canvas.selected.filter(isPlaced))}`)
    return true
  }

  function place(from: Clip, verb: 'Paste' | 'Duplicate'): void {
    const result = pasteClip(store.design, from, verb)
    if (!result.ok) {
      say(result.message)
      return
    }
    const problems = store.tryDispatch(result.command)
    if (problems.length > 0) {
      say(`Not pasted: ${problems[0]?.message ?? ''}`)
      return
    }
    canvas.select(result.ids)
    say(`${verb === 'Paste' ? 'Pasted' : 'Duplicated'} ${result.summary}`)
  }

  function paste(): void {
    if (clip.value) place(clip.value, 'Paste')
    else say('Nothing copied yet: select hosts or segments and press Ctrl+C')
  }

  /** A copy of the selection, pasted at once; what was copied before stays in the clip. */
  function duplicate(): void {
    const taken = copySelection(store.design, canvas.selected)
    if (taken) place(taken, 'Duplicate')
    else say('Select hosts or segments to duplicate')
  }

  function align(how: Alignment): void {
    const command = alignCommand(store.design, canvas.selected, how)
    if (command) store.dispatch(command)
    else if (!canAlign.value) say('Select two hosts or more to align')
  }

  function distribute(axis: Distribution): void {
    const command = distributeCommand(store.design, canvas.selected, axis)
    if (command) store.dispatch(command)
    else if (!canDistribute.value) say('Select three hosts or more to distribute')
  }

  function selectAll(): void {
    canvas.select(canvas.graph.nodes.map((n) => n.id).filter(isPlaced))
  }

  return { clip, hosts, canCopy, canAlign, canDistribute, copy, paste, duplicate, align, distribute, selectAll }
})
