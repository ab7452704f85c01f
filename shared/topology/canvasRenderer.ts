/** How Cytoscape draws the canvas: its 2D canvas renderer, or the same renderer with WebGL drawing on. */
export type CanvasRendererName = 'canvas' | 'webgl'

/**
 * What WebGL the machine offers: none, one drawn by the CPU (SwiftShader, llvmpipe), on which
 * WebGL is slower than a 2D canvas, or a graphics card's.
 */
export type GlSupport = 'none' | 'software' | 'hardware'

/**
 * From this many hosts WebGL draws the canvas, when a graphics card does the drawing. Below it the
 * 2D canvas is as quick (bench:canvas: at 1,000 hosts both draw in about the same time) and draws
 * text crisper; above it WebGL keeps panning and zooming smooth, where the 2D canvas redraws every
 * host on each frame.
 */
export const WEBGL_FROM_HOSTS = 2000

/** Renderer strings (WEBGL_debug_renderer_info) of GL drawn by the CPU. */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render driver|mesa offscreen/i

/** The GL a renderer string names; no string (no WebGL, or the string withheld) counts as none. */
export function glSupportOf(renderer: string | undefined): GlSupport {
  if (renderer === undefined || renderer.trim() === '') return 'none'
  return SOFTWARE_GL.test(renderer) ? 'software' : 'hardware'
}

/** The renderer for a design of `hostCount` hosts: WebGL only for large designs, and only on a graphics card. */
export function chooseRenderer(hostCount: number, gl: GlSupport): CanvasRendererName {
  return gl === 'hardware' && hostCount >= WEBGL_FROM_HOSTS ? 'webgl' : 'canvas'
}

/** A `?renderer=` value asking for one renderer whatever the size (benches and tests); anything else is no request. */
export function rendererOverride(value: string | null | undefined): CanvasRendererName | undefined {
  return value === 'canvas' || value === 'webgl' ? value : undefined
}
