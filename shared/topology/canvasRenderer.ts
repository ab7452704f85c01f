/** How Cytoscape draws the canvas: its 2D canvas renderer, or the same renderer with WebGL drawing on. */
export type CanvasRendererName = 'canvas' | 'webgl'

/**
 * What WebGL the machine offers: none, one drawn by the CPU (SwiftShader, llvmpipe), on which
 * WebGL is slower than a 2D canvas, or a graphics card's.
 */
export type GlSupport = 'none' | 'software' | 'hardware'

/**
 * From this many hosts WebGL draws the canvas, when a graphics card does the drawing. bench:canvas
 * (Chromium on two busy cores, WebGL on SwiftShader, so every GL call on the CPU), first drawing:
 * 1,000 hosts 2D 0.3–0.5 s, WebGL 0.5 s; 5,000 hosts 2D 0.9–2.1 s, WebGL 1.2–2.2 s (2D ahead
 * in two runs of three); 7,500 hosts 2D 3.1 s, WebGL 2.3 s; 10,000 hosts 2D 2.8–3.3 s, WebGL 1.8–3.0 s
 * (WebGL ahead in three runs of four). WebGL pays a fixed cost (its texture atlases) that only
 * many hosts repay; it draws level with the 2D canvas between 5,000 and 7,500 hosts even on a
 * software GL, and a graphics card only makes its GL part cheaper. Below this the 2D canvas is as
 * quick or quicker, and draws text crisper.
 */
export const WEBGL_FROM_HOSTS = 6000

/** Renderer strings (WEBGL_debug_renderer_info) of GL drawn by the CPU. */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render driver|mesa offscreen/i

/** The GL a renderer string names; no string (no WebGL, or the string withheld) counts as none. */
export function glSupportOf(renderer: string | undefined): GlSupport {
  if (renderer === undefined || renderer.trim() === '') return 'none'
  return SOFTWARE_GL.test(renderer) ? 'software' : 'hardware'
}

/**
 * Once WebGL draws a design, it goes on doing so down to this many hosts: switching renderer makes
 * a new Cytoscape instance (a second or two on thousands of hosts), which edits adding and removing
 * a host around the threshold must not set off each time.
 */
export const WEBGL_KEPT_FROM_HOSTS = 5000

/** The renderer for a design of `hostCount` hosts: WebGL only for large designs, and only on a graphics card. */
export function chooseRenderer(hostCount: number, gl: GlSupport, current: CanvasRendererName = 'canvas'): CanvasRendererName {
  if (gl !== 'hardware') return 'canvas'
  return hostCount >= (current === 'webgl' ? WEBGL_KEPT_FROM_HOSTS : WEBGL_FROM_HOSTS) ? 'webgl' : 'canvas'
}

/** A `?renderer=` value asking for one renderer whatever the size (benches and tests); anything else is no request. */
export function rendererOverride(value: string | null | undefined): CanvasRendererName | undefined {
  return value === 'canvas' || value === 'webgl' ? value : undefined
}
