import { describe, expect, it } from 'vitest'
import { chooseRenderer, glSupportOf, rendererOverride, WEBGL_FROM_HOSTS, WEBGL_KEPT_FROM_HOSTS } from '../../../shared/topology/canvasRenderer'

describe('glSupportOf', () => {
  it('tells GL drawn by the CPU from a graphics card by its renderer string', () => {
    expect(glSupportOf('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe('software')
    expect(glSupportOf('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe('software')
    expect(glSupportOf('Microsoft Basic Render Driver')).toBe('software')
    expect(glSupportOf('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe('hardware')
    expect(glSupportOf('Apple M2')).toBe('hardware')
    expect(glSupportOf('Mesa Intel(R) UHD Graphics 620 (KBL GT2)')).toBe('hardware')
  })

  it('trusts no GL it cannot name', () => {
    expect(glSupportOf(undefined)).toBe('none')
    expect(glSupportOf('  ')).toBe('none')
  })
})

describe('chooseRenderer', () => {
  it('draws small designs on the 2D canvas, large ones with WebGL on a graphics card', () => {
    expect(chooseRenderer(100, 'hardware')).toBe('canvas')
    expect(chooseRenderer(WEBGL_FROM_HOSTS - 1, 'hardware')).toBe('canvas')
    expect(chooseRenderer(WEBGL_FROM_HOSTS, 'hardware')).toBe('webgl')
    expect(chooseRenderer(10_000, 'hardware')).toBe('webgl')
  })

  it('keeps WebGL a little below the threshold once it draws, so edits around it do not switch back and forth', () => {
    expect(chooseRenderer(WEBGL_FROM_HOSTS - 1, 'hardware', 'webgl')).toBe('webgl')
    expect(chooseRenderer(WEBGL_KEPT_FROM_HOSTS, 'hardware', 'webgl')).toBe('webgl')
    expect(chooseRenderer(WEBGL_KEPT_FROM_HOSTS - 1, 'hardware', 'webgl')).toBe('canvas')
    expect(chooseRenderer(WEBGL_FROM_HOSTS - 1, 'hardware', 'canvas')).toBe('canvas')
    expect(chooseRenderer(10_000, 'software', 'webgl')).toBe('canvas')
  })

  it('never picks WebGL drawn by the CPU, or none at all', () => {
    expect(chooseRenderer(10_000, 'software')).toBe('canvas')
    expect(chooseRenderer(10_000, 'none')).toBe('canvas')
  })
})

describe('rendererOverride', () => {
  it('takes only a renderer it knows', () => {
    expect(rendererOverride('webgl')).toBe('webgl')
    expect(rendererOverride('canvas')).toBe('canvas')
    expect(rendererOverride('WebGL')).toBeUndefined()
    expect(rendererOverride('')).toBeUndefined()
    expect(rendererOverride(null)).toBeUndefined()
  })
})
