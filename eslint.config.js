// Lint rules, above all the layer boundaries: shared/ is the pure engine, the renderer is a web
// page. tsconfig keeps the wrong globals out; these rules keep the wrong imports out.
import js from '@eslint/js'
import prettierOff from 'eslint-config-prettier/flat'
import vue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import vueParser from 'vue-eslint-parser'

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
]

const nodeBuiltins = {
  paths: NODE_BUILTINS.map((name) => ({ name, message: 'Node built-ins are not available here.' })),
  patterns: [{ regex: '^node:', message: 'Node built-ins are not available here.' }],
}

/** shared/ is pure TypeScript: no Node, no Electron, no UI framework, no other layer. */
const engineImports = {
  paths: [
    ...nodeBuiltins.paths.map((p) => ({ ...p, message: 'shared/ is the pure engine: no Node built-ins (I/O belongs in electron/ or cli/).' })),
    { name: 'electron', message: 'shared/ is the pure engine: it must not import electron.' },
    { name: 'vue', message: 'shared/ is the pure engine: UI code belongs in renderer/.' },
    { name: 'pinia', message: 'shared/ is the pure engine: stores belong in renderer/.' },
  ],
  patterns: [
    { regex: '^node:', message: 'shared/ is the pure engine: no Node built-ins (I/O belongs in electron/ or cli/).' },
    { regex: '^cytoscape', message: 'shared/ is the pure engine: drawing belongs in renderer/.' },
    { regex: '^@vue/', message: 'shared/ is the pure engine: UI code belongs in renderer/.' },
    { regex: '^(\\.\\./)+(renderer|electron|cli)(/|$)', message: 'Dependencies point one way: renderer, electron and cli use shared, never the reverse.' },
    { regex: '^(\\.\\./)+platform/node(/|$)', message: 'shared/ is the pure engine: platform/node/ is Node I/O for the CLI and Electron.' },
  ],
}

/** The renderer is a web page: it reaches the desktop only through the bridge in shared/ipc. */
const rendererImports = {
  paths: [
    ...nodeBuiltins.paths.map((p) => ({ ...p, message: 'The renderer is a web page: no Node built-ins; ask the desktop bridge.' })),
    { name: 'electron', message: 'The renderer reaches Electron only through the desktop bridge (window.desktop).' },
  ],
  patterns: [
    { regex: '^node:', message: 'The renderer is a web page: no Node built-ins; ask the desktop bridge.' },
    { regex: '^(\\.\\./)+(electron|cli|platform/node)(/|$)', message: 'The renderer may import shared/ only, never electron/, cli/ or platform/node/.' },
  ],
}

/** The sandboxed preload may use only the IPC contract from shared/. */
const preloadImports = {
  patterns: [
    { regex: '^(\\.\\./)+(renderer|cli|electron/main|platform/node)(/|$)', message: 'The preload only forwards IPC.' },
    { regex: '^(\\.\\./)+shared/(?!ipc/)', message: 'The preload may import shared/ipc only.' },
  ],
}

/** Electron's main process: shared/ and platform/node/, never the page or the CLI. */
const mainImports = {
  patterns: [{ regex: '^(\\.\\./)+(renderer|cli)(/|$)', message: 'electron/main may import shared/ and platform/node/ only.' }],
}

/** The CLI runs where Electron is not installed: shared/ and platform/node/ only. */
const cliImports = {
  paths: [{ name: 'electron', message: 'The CLI runs without Electron: use shared/ and platform/node/.' }],
  patterns: [{ regex: '^(\\.\\./)+(renderer|electron)(/|$)', message: 'cli/ may import shared/ and platform/node/ only.' }],
}

/** platform/node/ is the Node layer under both the CLI and Electron's main: Node built-ins, nothing of the project's. */
const platformNodeImports = {
  paths: [
    { name: 'electron', message: 'platform/node/ also serves the CLI, which runs without Electron.' },
    { name: 'vue', message: 'platform/node/ is Node code: no UI.' },
    { name: 'pinia', message: 'platform/node/ is Node code: no UI.' },
  ],
  patterns: [{ regex: '^(\\.\\./)+(shared|renderer|electron|cli)(/|$)', message: 'platform/node/ is the bottom Node layer: it imports Node built-ins only, never another layer.' }],
}

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'test/lint/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  // Layout is Prettier's (`npm run format`); eslint keeps to correctness and the layer rules.
  prettierOff,
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module', extraFileExtensions: ['.vue'] } },
  },
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', engineImports],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The engine is deterministic: time is an input.' },
        { object: 'Math', property: 'random', message: 'The engine is deterministic: randomness is an input.' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  { files: ['renderer/**/*.{ts,vue}'], languageOptions: { globals: globals.browser }, rules: { 'no-restricted-imports': ['error', rendererImports] } },
  { files: ['electron/preload/**/*.ts'], rules: { 'no-restricted-imports': ['error', preloadImports] } },
  { files: ['electron/main/**/*.ts'], rules: { 'no-restricted-imports': ['error', mainImports] } },
  { files: ['cli/**/*.{ts,mjs}'], rules: { 'no-restricted-imports': ['error', cliImports] } },
  { files: ['platform/node/**/*.ts'], rules: { 'no-restricted-imports': ['error', platformNodeImports] } },
  { files: ['electron/**/*.ts', 'cli/**/*.{ts,mjs}', 'platform/**/*.ts', 'scripts/**/*.mjs', 'test/**/*.ts', 'bench/**/*.ts', '*.{js,ts}'], languageOptions: { globals: globals.node } },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'MemberExpression[property.name="only"][object.name=/^(it|test|describe)$/]', message: '.only would silently skip the rest of the suite.' }],
    },
  },
)
