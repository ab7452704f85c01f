import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'

const root = import.meta.dirname
const { dependencies } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }

/**
 * The `peerlab` command as one plain JavaScript file, out/cli/peerlab.mjs: cli/, shared/ and
 * platform/node/ bundled for Node, so the installed package runs without tsx or TypeScript.
 * What package.json lists in `dependencies` stays an import (npm installs it beside the package);
 * anything else is bundled, so a devDependency reached at run time cannot go missing once installed.
 */
export default defineConfig({
  // Nothing from the project's public/ folder belongs in a CLI.
  publicDir: false,
  ssr: { target: 'node', noExternal: true, external: Object.keys(dependencies) },
  build: {
    ssr: resolve(root, 'cli/bin/peerlab.ts'),
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    // The oldest Node the installed CLI supports (package.json `engines`, README).
    target: 'node20',
    minify: false,
    sourcemap: false,
    rolldownOptions: { output: { format: 'esm', entryFileNames: 'peerlab.mjs' } },
  },
})
