import { chooseRenderer, glSupportOf, rendererOverride, type CanvasRendererName, type GlSupport } from '../../../shared/topology/canvasRenderer'

let probed: GlSupport | undefined

/**
 * The machine's WebGL, asked once: creating a context costs a few milliseconds and browsers cap
 * how many live at once. Without WEBGL_debug_renderer_info the GL cannot be told from a software
 * one, so it is not trusted.
 */
export function glSupport(): GlSupport {
  if (probed !== undefined) return probed
  let renderer: string | undefined
  try {
    const gl = document.createElement('canvas').getContext('webgl2')
    const info = gl?.getExtension('WEBGL_debug_renderer_info')
    renderer = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : undefined
    gl?.getExtension('WEBGL_lose_context')?.loseContext()
  } catch {
    renderer = undefined
  }
  return (probed = glSupportOf(renderer))
}

/** `?renderer=webgl|canvas` in the page's address: benches and tests pick a renderer whatever the size. */
const requested = rendererOverride(new URLSearchParams(window.location.search).get('renderer'))

/** The renderer the canvas uses for a design of `hostCount` hosts, drawn now by `current`. */
export function rendererFor(hostCount: number, current?: CanvasRendererName): CanvasRendererName {
  return requested ?? chooseRenderer(hostCount, glSupport(), current)
}
