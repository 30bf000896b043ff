/**
 * The SurveyJS comparison page's own build (bench only): same Vite, same minification and
 * target as the kiosk renderer, so that bundle sizes compare like for like. The survey JSON
 * is generated in Node at build time from the Repères definition (survey-json.ts) and
 * inlined as a virtual module.
 */
import type { InlineConfig, Plugin } from 'vite';
import { surveyJson } from './survey-json';

const VIRTUAL = 'virtual:survey-json';

function surveyJsonPlugin(): Plugin {
  return {
    name: 'reperes-survey-json',
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : null),
    load: (id) => (id === `\0${VIRTUAL}` ? `export default ${JSON.stringify(surveyJson())};` : null),
  };
}

export function surveyJsConfig(outDir: string): InlineConfig {
  return {
    configFile: false,
    root: __dirname,
    base: './',
    logLevel: 'warn',
    plugins: [surveyJsonPlugin()],
    // chrome152: electron-vite's renderer target for Electron 45 (see electron.vite.config.ts).
    build: { outDir, emptyOutDir: true, modulePreload: { polyfill: false }, minify: true, target: 'chrome152', reportCompressedSize: false },
  };
}
