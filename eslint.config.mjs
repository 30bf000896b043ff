// Lint rules that carry the architecture: shared/ is pure (no Node, DOM, Electron or React
// DOM), main-process services never import Electron, and the renderer never reaches Node.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https',
  'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];
const nodeImports = [
  { group: ['node:*'], message: 'shared/ must stay pure: no Node built-ins.' },
  ...NODE_BUILTINS.map((name) => ({ group: [name], message: 'shared/ must stay pure: no Node built-ins.' })),
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.preview-data/**', 'bench/results/**', 'bench/.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'bin/**'],
    languageOptions: { globals: globals.node },
  },
  {
    // Scripts the bench injects into the measured pages (plain JavaScript, browser only).
    files: ['bench/browser/page/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // The preview's bridge client, served to the page by `npm run preview` (browser only).
    files: ['scripts/preview/bridge-client.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // electron-builder hooks (build/*.cjs): plain CommonJS that Node runs as it is.
    files: ['**/*.cjs'],
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'shared/ must not import Electron.' },
            { name: 'react-dom', message: 'shared/ must not import React DOM.' },
            { name: 'better-sqlite3', message: 'shared/ must not touch the database.' },
          ],
          patterns: [...nodeImports, { group: ['react-dom/*'], message: 'shared/ must not import React DOM.' }, { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ cannot depend on the shell or the UI.' }],
        },
      ],
      // No DOM in shared/: these globals exist only in a browser.
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement', 'fetch', 'process', 'require', 'Buffer', '__dirname'],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Services and the CLI run without Electron: keep them testable in plain Node.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the main process only through window.reperes.' }],
          patterns: [...nodeImports.map((p) => ({ ...p, message: 'The renderer runs sandboxed: no Node built-ins.' })), { group: ['**/electron/**'], message: 'The renderer cannot import the shell.' }],
        },
      ],
    },
  },
);
