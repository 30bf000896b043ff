import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

// The repository layout is fixed by the project (electron/, renderer/, shared/), so the
// electron-vite defaults (src/main, src/preload, src/renderer) are overridden here.
export default defineConfig({
  main: {
    build: {
      lib: { entry: { index: resolve(__dirname, 'electron/main.ts') } },
      rollupOptions: { external: ['better-sqlite3'] },
      // The main bundle is CommonJS and runs from app.asar. @noble/hashes 2 is ESM only: left
      // external it would be require()d through Electron's asar loader, which depends on
      // require(esm) there (open asar/ESM issues, e.g. electron/electron#46614). Bundled, it
      // is plain code in out/main (test/unit/main-bundle.test.ts).
      externalizeDeps: { exclude: ['@noble/hashes'] },
    },
  },
  preload: {
    build: { lib: { entry: { index: resolve(__dirname, 'electron/preload.ts') } } },
  },
  renderer: {
    root: 'renderer',
    publicDir: resolve(__dirname, 'assets'),
    build: {
      // electron-vite leaves the renderer unminified by default; the kiosk's old PCs parse
      // every byte at each cold start, so minify (bundle budget: issue 8).
      minify: true,
      // The analyst window is a second entry, so the kiosk's bundle does not grow.
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html'), analyst: resolve(__dirname, 'renderer/analyst.html') } },
    },
  },
});
