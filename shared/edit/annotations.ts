import type { Command } from '../commands/commands'
import { annotationElementId, annotationIdOf, annotationsOf } from '../model/annotations'
import type { Design, OpaqueResource } from '../model/design'
import { PEERLAB_API_VERSION } from '../model/kinds'
import { resourcesOf } from '../model/query'
import type { Annotation, AnnotationKind } from '../model/resources'
import { uniqueName } from './uniqueName'

/** A new rectangle's size: room for two or three hosts, to be resized around a group. */
export const NEW_RECTANGLE = { width: 440, height: 220 } as const
const NEW_TEXT: Readonly<Record<AnnotationKind, string>> = { note: 'Note', rectangle: 'Group' }

/** The design's Layout with its annotations replaced, as one undoable step. */
function withAnnotations(design: Design, annotations: readonly Annotation[], label: string): Command {
  const layout = resourcesOf(design, 'peerlab.dev/v1alpha1/Layout')[0]
  const spec = { ...layout?.spec, annotations }
  if (annotations.length === 0) delete (spec as { annotations?: unknown }).annotations
  const resource = { apiVersion: PEERLAB_API_VERSION, kind: 'Layout', metadata: layout?.metadata ?? { name: 'layout' }, spec }
  return { type: 'batch', label, commands: [{ type: 'apply', resource: resource as unknown as OpaqueResource }] }
}

/** A note or a rectangle centred at `at`, with a fresh id; returns its canvas element id too. */
export function addAnnotation(design: Design, kind: AnnotationKind, at: { x: number; y: number }): { command: Command; elementId: string } {
  const existing = annotationsOf(design)
  const id = uniqueName(new Set(existing.map((a) => a.id)), kind)
  const annotation: Annotation = { id, kind, x: at.x, y: at.y, ...(kind === 'rectangle' ? NEW_RECTANGLE : {}), text: NEW_TEXT[kind] }
  return { command: withAnnotations(design, [...existing, annotation], `Add ${kind} ${id}`), elementId: annotationElementId(id) }
}

/** What can be changed on an annotation after it is drawn (its place changes by a move). */
export type AnnotationChange = Partial<Pick<Annotation, 'text' | 'width' | 'height'>>

/** Changes one annotation; undefined when it is not there or nothing would change. */
export function changeAnnotation(design: Design, id: string, change: AnnotationChange): Command | undefined {
  const existing = annotationsOf(design)
  const current = existing.find((a) => a.id === id)
  if (!current) return undefined
  const next = { ...current, ...change }
  if (current.kind === 'note') {
    delete (next as { width?: number }).width
    delete (next as { height?: number }).height
  }
  if ((Object.keys(change) as (keyof AnnotationChange)[]).every((key) => next[key] === current[key])) return undefined
  return withAnnotations(
    design,
    existing.map((a) => (a.id === id ? next : a)),
    `Change ${current.kind} ${id}`,
  )
}

/** Deletes the annotations among the canvas element ids given; undefined when there are none. */
export function removeAnnotations(design: Design, elementIds: readonly string[]): Command | undefined {
  const doomed = new Set(elementIds.flatMap((e) => annotationIdOf(e) ?? []))
  const existing = annotationsOf(design)
  const kept = existing.filter((a) => !doomed.has(a.id))
  if (kept.length === existing.length) return undefined
  const removed = existing.length - kept.length
  return withAnnotations(design, kept, removed === 1 ? `Delete ${existing.find((a) => doomed.has(a.id))?.kind ?? 'annotation'}` : `Delete ${removed} annotations`)
}
