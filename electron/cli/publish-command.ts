/**
 * `reperes publish`: the open-data publication from the command line, with the same code as
 * the analyst window (electron/services/analyst/publish.ts), PNG and PDF drawn by the
 * system's Chromium.
 *
 * Chromium takes seconds to start, mostly in its own processes on another core, so it is
 * launched first: this module imports only the database and the launcher, and the
 * publication's own modules (dashboard, disclosure control, charts, report) load while the
 * browser starts.
 */
import { join, resolve } from 'node:path';
import { printable } from '../../shared/printable';
import { findChromiumExecutable, launchChromiumRenderer, type ClosableRenderer } from '../services/analyst/chromium-renderer';
import { ANALYST_MIGRATIONS } from '../services/analyst/migrations';
import type { PublicationRenderer } from '../services/analyst/publish';
import { openDatabase } from '../services/database';
import type { CommandResult } from './analyst-commands';

const PUBLISH_FAILURE: Record<string, string> = {
  nothingToPublish: 'nothing to publish: the database holds no imported export yet; import the kiosks\' exports first (reperes import --db <analyst.db> <folder>), then publish again',
  writeFailed: 'the files could not be written; check the destination folder (space, USB stick still in place) and publish again',
  renderFailed: 'the PNG charts or the PDF could not be made with Chromium; check that Chromium starts (or set CHROME_PATH), then publish again',
};

export async function runPublish(dbFile: string, outDir: string, k: number, options: { now?: Date } = {}): Promise<CommandResult> {
  const db = openDatabase(dbFile, ANALYST_MIGRATIONS);
  // Chromium starts while the modules load and the tables, CSV, workbook and SVG charts are
  // made (seconds on a slow machine, on another core); the PNG and PDF steps wait for it.
  // Any imported export at all, as the store's overview counts them.
  const empty = (db.prepare('SELECT count(*) AS n FROM bundles').get() as { n: number }).n === 0;
  const executable = empty ? null : findChromiumExecutable();
  const launching: Promise<ClosableRenderer> | null = executable ? launchChromiumRenderer(executable) : null;
  // Observed at once, so that a failed launch is never an unhandled rejection; reported below.
  const launched = launching?.then(
    (renderer) => ({ renderer, error: null }),
    (error: unknown) => ({ renderer: null, error }),
  );
  try {
    const errors: string[] = [];
    if (empty) return { ok: false, lines: [], errors: [PUBLISH_FAILURE['nothingToPublish'] as string] };
    let renderer: PublicationRenderer | null = null;
    if (launched) {
      const ready = async () => {
        const { renderer: r, error } = await launched;
        if (!r) throw error;
        return r;
      };
      renderer = {
        svgToPng: async (svg, size) => (await ready()).svgToPng(svg, size),
        htmlToPdf: async (html) => (await ready()).htmlToPdf(html),
      };
    } else errors.push('no Chromium found for the PNG charts and the PDF (install chromium, or set CHROME_PATH)');
    const [{ writePublication }, { createAnalystStore }] = await Promise.all([import('../services/analyst/publish'), import('../services/analyst/store')]);
    const outcome = await writePublication({ store: createAnalystStore(db), k, folder: outDir, renderer, ...(options.now ? { now: options.now } : {}) });
    // As before the launch overlapped: a Chromium that cannot start fails the command itself.
    const launch = await launched;
    if (launch && launch.error !== null) throw launch.error;
    const lines = outcome.files.map((f) => `wrote ${printable(join(resolve(outDir), f.path))} (${f.bytes} bytes)`);
    if (outcome.ok) {
      lines.push(`published ${outcome.rows} indicator rows with disclosure control k = ${outcome.k}`);
      return { ok: true, lines, errors };
    }
    const what = PUBLISH_FAILURE[outcome.reason] ?? `publish failed (${outcome.reason})`;
    errors.push(`${what}${outcome.detail ? ` [${printable(outcome.detail)}]` : ''}`);
    return { ok: false, lines, errors };
  } finally {
    await (await launched)?.renderer?.close();
    db.close();
  }
}

