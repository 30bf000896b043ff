/**
 * Cold load and what it downloads. Each run opens a fresh browser context (empty cache, no
 * compiled code kept), throttles the CPU, navigates, and reads from inside the page when the
 * start button ("Commencer", or SurveyJS's first "Suivant") is in the DOM, enabled, and
 * painted, counted from the navigation start. The responses of the first run tell which
 * files the page loads at start; their sizes are then taken from the build on disk.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchBrowser, PageKind } from './pages';

export interface ColdLoadSample {
  domMs: number;
  paintedMs: number;
}

export type AssetKind = 'js' | 'css' | 'font' | 'pictogram' | 'audio' | 'html' | 'other';

export interface LoadedFile {
  path: string;
  kind: AssetKind;
  bytes: number;
  gzipBytes: number;
}

export function gzipSize(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

function kindOf(path: string): AssetKind {
  if (path.endsWith('.js')) return 'js';
  if (path.endsWith('.css')) return 'css';
  if (path.endsWith('.woff2') || path.endsWith('.woff') || path.endsWith('.ttf')) return 'font';
  if (path.startsWith(`pictograms${sep}`) || path.startsWith('pictograms/')) return 'pictogram';
  if (path.startsWith('audio/') || path.endsWith('.opus') || path.endsWith('.ogg')) return 'audio';
  if (path.endsWith('.html')) return 'html';
  return 'other';
}

export interface ColdLoads {
  samples: Record<PageKind, ColdLoadSample[]>;
  loaded: Record<PageKind, LoadedFile[]>;
}

export async function measureColdLoads(bench: BenchBrowser, dirs: Record<PageKind, string>, o: { runs: number; cpuRate: number }): Promise<ColdLoads> {
  const out: ColdLoads = { samples: { reperes: [], surveyjs: [] }, loaded: { reperes: [], surveyjs: [] } };
  for (let run = 0; run < o.runs; run++) {
    for (const kind of ['reperes', 'surveyjs'] as const) {
      const { context, page } = await bench.openPage(kind, o.cpuRate);
      const paths = new Set<string>();
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (url.origin === bench.origin[kind] && response.status() === 200) paths.add(decodeURIComponent(url.pathname));
      });
      try {
        await page.goto(`${bench.origin[kind]}/`);
        const ready = (await page.evaluate('window.__bench.ready')) as { dom: number; painted: number };
        out.samples[kind].push({ domMs: ready.dom, paintedMs: ready.painted });
        if (run === 0) {
          // What the start screen fetches once shown (fonts, manifests, pictograms) counts as
          // loaded at start: wait for the fonts it uses, then for the network to rest.
          await page.evaluate('document.fonts.ready.then(() => true)');
          await page.waitForLoadState('networkidle');
          const root = resolve(dirs[kind]);
          out.loaded[kind] = [...paths].sort().map((p) => {
            const file = resolve(root, `.${p === '/' ? '/index.html' : p}`);
            const rel = relative(root, file);
            return { path: rel, kind: kindOf(rel), bytes: statSync(file).size, gzipBytes: gzipSize(file) };
          });
        }
      } finally {
        await context.close();
      }
    }
  }
  return out;
}

/** Every file under `dir` (recursively) with its size; gzip sizes only when asked (audio is large). */
export function folderSize(dir: string, withGzip: boolean): { files: number; bytes: number; gzipBytes: number | null } {
  let files = 0;
  let bytes = 0;
  let gzipBytes = withGzip ? 0 : null;
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        files += 1;
        bytes += statSync(p).size;
        if (gzipBytes !== null) gzipBytes += gzipSize(p);
      }
    }
  };
  walk(dir);
  return { files, bytes, gzipBytes };
}

/** True when a SurveyJS marker string appears in any of the kiosk's built files (it must not). */
export function surveyJsInKioskBuild(rendererDir: string): string[] {
  const hits: string[] = [];
  const assets = join(rendererDir, 'assets');
  for (const name of readdirSync(assets)) {
    const text = readFileSync(join(assets, name), 'utf8');
    if (/survey-core|survey-react-ui|sd-root-modern|SurveyModel/.test(text)) hits.push(name);
  }
  return hits;
}
