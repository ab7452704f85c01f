/** How Cytoscape draws the canvas: its 2D canvas renderer, or the same renderer with WebGL drawing on. */
export type CanvasRendererName = 'canvas' | 'webgl'

/**
 * What WebGL the machine offers: none, one drawn by the CPU (SwiftShader, llvmpipe), on which
 * WebGL is slower than a 2D canvas, or a graphics card's.
 */
export type GlSupport = 'none' | 'software' | 'hardware'

/**
 * From this many hosts WebGL draws the canvas, when a graphics card does the drawing. This machine
 * has only SwiftShader (every GL call on the CPU), so the figures behind it are software GL's.
 * bench:canvas first drawing, quiet machine (median of 3): 1,000 hosts 2D 0.28 s, WebGL 0.31 s;
 * 5,000 hosts 2D 0.98 s, WebGL 1.01 s; 10,000 hosts 2D 1.27 s, WebGL 1.58 s. Under load (two busy
 * cores) WebGL drew 7,500 and 10,000 hosts ahead of 2D in three runs of four. WebGL pays a fixed
 * cost (its texture atlases) that only many hosts repay, and a graphics card makes only its GL part
 * cheaper; below this the 2D canvas is as quick or quicker, and draws text crisper. The threshold is
 * a judgement, not yet measured on a graphics card.
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
