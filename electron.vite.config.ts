import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { rendererConfig } from './renderer.vite.ts'

const root = import.meta.dirname

export default defineConfig({
  main: {
    build: { rolldownOptions: { input: { index: resolve(root, 'electron/main/index.ts') } } },
  },
  preload: {
    build: {
      // A sandboxed preload can only be CommonJS and can require almost nothing: one bundled .cjs file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: { rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } } },
  },
})
