import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import type { UserConfig } from 'vite'

const root = import.meta.dirname
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }

/** Renderer build settings shared by the Electron build and browser mode, so the two cannot drift. */
export const rendererConfig = {
  root: resolve(root, 'renderer'),
  base: './',
  plugins: [vue()],
  // The analysis worker is a module, as the page is: one copy of the engine's code, imports and all.
  worker: { format: 'es' },
  define: { __PEERLAB_VERSION__: JSON.stringify(version) },
} satisfies UserConfig
