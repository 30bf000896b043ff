/**
 * Soak: many consecutive visits through the real renderer and the real handlers (each visit
 * saved by `session:save` into the temporary kiosk database), driven from inside the page for
 * speed (page/soak.js). At checkpoints the page rests on the waiting screen, garbage is
 * collected (DevTools HeapProfiler.collectGarbage) and the JS heap (Runtime.getHeapUsage) and
 * DOM counters (Memory.getDOMCounters) are read. No CPU throttling: this is about leaks.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from '../../test/harness/repo-root';
import { measureHeap, type BenchBrowser } from './pages';

export interface SoakCheckpoint {
  sessions: number;
  heapMiB: number;
  /** Nodes in the kiosk's document (a tree walk): the page's own DOM. */
  documentNodes: number;
  /**
   * Memory.getDOMCounters: every node the renderer holds, including detached ones not yet
   * collected and the documents of decoded SVG images (each pictogram is one), which come and
   * go with the image cache.
   */
  nodes: number;
  documents: number;
  listeners: number;
  elapsedS: number;
}

export interface SoakResult {
  sessions: number;
  completed: number;
  abandoned: number;
  rowsSaved: number;
  checkpoints: SoakCheckpoint[];
  elapsedS: number;
}

/** Checkpoints: the reference (100), `between` more evenly spaced, and the last visit. */
export function checkpointsFor(total: number, reference: number, between = 9): number[] {
  const points = new Set<number>([Math.min(reference, total), total]);
  const step = Math.max(1, Math.round(total / (between + 1)));
  if (between > 0) for (let n = step; n < total; n += step) if (n > reference) points.add(n);
  return [...points].sort((a, b) => a - b);
}

export async function runSoak(bench: BenchBrowser, o: { sessions: number; reference: number; between: number; log: (line: string) => void }): Promise<SoakResult> {
  const before = bench.services.sessions.count();
  const { context, page, cdp } = await bench.openPage('reperes', 1);
  const started = Date.now();
  try {
    // Short thank-you screen, so that every checkpoint can wait for the waiting screen.
    await page.goto(`${bench.origin.reperes}/?thanks=1000`);
    await page.evaluate('window.__bench.ready');
    await page.evaluate(readFileSync(resolve(repoRoot(), 'bench/browser/page/soak.js'), 'utf8'));
    await page.evaluate('window.__soak.setSeed(20261128)');
    const languages = bench.services.settings.get().enabledLanguages.length;
    const out: SoakResult = { sessions: 0, completed: 0, abandoned: 0, rowsSaved: 0, checkpoints: [], elapsedS: 0 };
    for (const target of checkpointsFor(o.sessions, o.reference, o.between)) {
      // Chunks of at most 250 visits: progress lines, and no single evaluate runs for long.
      while (out.sessions < target) {
        const chunk = Math.min(250, target - out.sessions);
        const ended = (await page.evaluate(`window.__soak.run(${chunk}, ${languages})`)) as { completed: number; abandoned: number };
        out.completed += ended.completed;
        out.abandoned += ended.abandoned;
        out.sessions += chunk;
      }
      await page.locator('main.attract').waitFor();
      const heap = await measureHeap(cdp);
      const documentNodes = (await page.evaluate(`(() => {
        let n = 0;
        const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
        while (walker.nextNode()) n++;
        return n;
      })()`)) as number;
      const elapsedS = (Date.now() - started) / 1000;
      out.checkpoints.push({ sessions: out.sessions, heapMiB: heap.usedMiB, documentNodes, nodes: heap.nodes, documents: heap.documents, listeners: heap.listeners, elapsedS });
      o.log(`  ${out.sessions} visits: heap ${heap.usedMiB.toFixed(2)} MiB, ${documentNodes} nodes in the document (${heap.nodes} in the renderer, ${heap.documents} documents), ${heap.listeners} listeners (${elapsedS.toFixed(0)} s)`);
    }
    out.rowsSaved = bench.services.sessions.count() - before;
    out.elapsedS = (Date.now() - started) / 1000;
    return out;
  } finally {
    await context.close();
  }
}
