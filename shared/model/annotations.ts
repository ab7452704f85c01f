import type { Design } from './design'
import { resourcesOf } from './query'
import type { Annotation } from './resources'

/** Canvas elements of annotations are `annotation/<id>`: never an entity id, as no kind is named `annotation`. */
export const ANNOTATION_PREFIX = 'annotation/'

export const annotationElementId = (id: string): string => `${ANNOTATION_PREFIX}${id}`

export function isAnnotationElement(elementId: string): boolean {
  return elementId.startsWith(ANNOTATION_PREFIX)
}

/** The annotation a canvas element stands for, by its element id. */
export function annotationIdOf(elementId: string): string | undefined {
  return isAnnotationElement(elementId) ? elementId.slice(ANNOTATION_PREFIX.length) : undefined
}

/** The notes and rectangles of the design's Layout, in file order. */
export function annotationsOf(design: Design): readonly Annotation[] {
  return resourcesOf(design, 'peerlab.dev/v1alpha1/Layout')[0]?.spec.annotations ?? []
}
