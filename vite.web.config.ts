import { defineConfig } from 'vite'
import { rendererConfig } from './renderer.vite.ts'

/**
 * Browser mode: the same renderer served by plain Vite (electron-vite's dev server insists on
 * starting Electron). Without `window.desktop` the renderer uses its browser bridge.
 */
export default defineConfig({
  ...rendererConfig,
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
})
