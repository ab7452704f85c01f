/**
 * Colours for nodes, by the index the address map gives each node (its place in the design), so
 * a node keeps its colour in the legend, on every block and across edits. Red is left out: on the
 * map it means an overlap.
 */
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#ff9da7', '#86bcb6', '#bab0ac'] as const

export function nodeColour(index: number): string {
  if (index < PALETTE.length) return PALETTE[index] as string
  // Past the palette, hues a golden angle apart stay distinct from their neighbours.
  return `hsl(${Math.round((index * 137.508) % 360)} 55% 58%)`
}

/** Black or white, whichever reads on the colour. */
export function textOn(colour: string): string {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour)
  if (!hex) return '#111'
  const [r, g, b] = hex.slice(1).map((h) => parseInt(h, 16) / 255) as [number, number, number]
  return 0.299 * r + 0.587 * g + 0.114 * b > 0.55 ? '#111' : '#fff'
}
