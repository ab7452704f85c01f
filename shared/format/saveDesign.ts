import { parseDocument, stringify } from 'yaml'
import type { Design, DesignEntry } from '../model/design'
import { identifyResource } from '../model/identify'
import { applyOrderOf } from '../model/kinds'
import { equalIgnoringNulls } from '../util/deepEqual'
import { reconcileDocument } from './reconcileYaml'
import { parseBundle } from './yamlBundle'

const STRINGIFY_OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const

function idOf(value: unknown): string | undefined {
  const identified = identifyResource(value)
  return 'id' in identified ? identified.id : undefined
}

/** A new document's text, with a `---` separator when it follows another. */
function freshDocument(entry: DesignEntry, separated: boolean): string {
  return `${separated ? '---\n' : ''}${stringify(entry.resource, STRINGIFY_OPTIONS)}`
}

/** New resources go after the existing ones, in the order `kubectl apply -f` needs them. */
function applyRank(entry: DesignEntry): number {
  return applyOrderOf(entry.resource.apiVersion, entry.resource.kind)
}

/**
 * The text a design was loaded from stays the same across every save and autosave until the file
 * is saved: it is read once, not every few seconds (tens of milliseconds on a thousand hosts).
 */
let lastRead: { text: string; bundle: ReturnType<typeof parseBundle> } | undefined
function readPrevious(text: string): ReturnType<typeof parseBundle> {
  if (lastRead?.text !== text) lastRead = { text, bundle: parseBundle(text) }
  return lastRead.bundle
}

/**
 * Writes a design as a bundle. Given the text it was loaded from, every document whose resource
 * is unchanged is written back byte for byte, changed ones are edited in place (comments and
 * order kept), removed ones are dropped, and documents the engine could not read (syntax errors)
 * are kept as they were: saving never loses the user's text. New resources are appended.
 * Deterministic: the same design and text always give the same output.
 */
export function saveDesign(design: Design, previousText = ''): string {
  const pending = new Map<string, DesignEntry>()
  for (const entry of design.entries) pending.set(entry.id, entry)
  const parts: string[] = []

  for (const document of readPrevious(previousText).documents) {
    const id = document.syntaxError ? undefined : idOf(document.value)
    if (id === undefined) {
      parts.push(document.source)
      continue
    }
    // Duplicates are stored under a suffixed id; match them back by document position.
    const entry = pending.get(id) ?? pending.get(`${id}#${document.index}`)
    if (!entry) continue
    pending.delete(entry.id)
    if (equalIgnoringNulls(entry.resource, document.value)) {
      parts.push(document.source)
      continue
    }
    const doc = parseDocument(document.source, { keepSourceTokens: false })
    reconcileDocument(doc, entry.resource)
    parts.push(doc.toString(STRINGIFY_OPTIONS))
  }

  const added = [...pending.values()].map((entry, order) => ({ entry, order })).sort((a, b) => applyRank(a.entry) - applyRank(b.entry) || a.order - b.order)
  for (const { entry } of added) {
    const previous = parts.join('')
    const needsNewline = previous !== '' && !previous.endsWith('\n')
    parts.push(`${needsNewline ? '\n' : ''}${freshDocument(entry, previous.trim() !== '')}`)
  }
  return parts.join('')
}
