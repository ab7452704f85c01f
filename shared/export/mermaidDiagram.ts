import type { DiagramScene } from './diagramScene'

/** Mermaid node ids are letters, digits and underscores; Peerlab's ids have slashes and dots. */
function mermaidId(id: string, ids: Map<string, string>): string {
  let known = ids.get(id)
  if (known === undefined) {
    known = `n${ids.size}_${id.replace(/[^A-Za-z0-9]/g, '_')}`
    ids.set(id, known)
  }
  return known
}

/** A quoted Mermaid label: `"` is written as the entity Mermaid reads back (#quot;), lines joined with <br/>. */
function label(lines: readonly string[]): string {
  return `"${lines.map((line) => line.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;')).join('<br/>')}"`
}

/**
 * The design as a Mermaid flowchart: each segment a subgraph holding its hosts, hosts on no
 * segment at the top level, and each BGP session an undirected link labelled with its kind and
 * AS numbers; a session that is not Established is dotted (`-.-`).
 */
export function mermaidDiagram(scene: DiagramScene): string {
  const ids = new Map<string, string>()
  const lines = ['flowchart TB']
  const hostLine = (h: DiagramScene['hosts'][number], indent: string): string => {
    const shape = h.kind === 'mesh' ? ['([', '])'] : h.kind === 'router' ? ['{{', '}}'] : ['[', ']']
    return `${indent}${mermaidId(h.id, ids)}${shape[0]}${label(h.lines)}${shape[1]}`
  }
  for (const segment of scene.segments) {
    lines.push(`  subgraph ${mermaidId(segment.id, ids)}[${label(segment.lines)}]`)
    for (const h of scene.hosts.filter((x) => x.segment === segment.id)) lines.push(hostLine(h, '    '))
    lines.push('  end')
  }
  const inSegment = new Set(scene.segments.map((s) => s.id))
  for (const h of scene.hosts.filter((x) => x.segment === undefined || !inSegment.has(x.segment))) lines.push(hostLine(h, '  '))
  for (const e of scene.sessions) {
    const link = e.state === 'down' ? '-.-' : '---'
    const text = e.label !== '' ? `|${label([e.state === 'down' ? `${e.label} (down)` : e.label])}|` : ''
    lines.push(`  ${mermaidId(e.source, ids)} ${link}${text} ${mermaidId(e.target, ids)}`)
  }
  return `${lines.join('\n')}\n`
}
