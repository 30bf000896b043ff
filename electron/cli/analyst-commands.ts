/**
 * `reperes import` and `reperes publish`: the analyst mode's import and publication from the
 * command line, with the same code as the analyst window (electron/services/analyst/).
 * Loaded only when one of them is asked for.
 */
import { mkdirSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { analystText } from '../../shared/analyst/texts';
import type { ImportFileResult } from '../../shared/analyst/types';
import { readLimited } from '../services/analyst/bundle-file';
import { findChromiumExecutable, launchChromiumRenderer, type ClosableRenderer } from '../services/analyst/chromium-renderer';
import { openAnalystDatabase } from '../services/analyst/index';
import { importSources, type ImportSource } from '../services/analyst/importer';
import { writePublication, type PublicationRenderer } from '../services/analyst/publish';
import { createAnalystStore } from '../services/analyst/store';

export interface CommandResult {
  ok: boolean;
  lines: string[];
  errors: string[];
}

/** A folder argument stands for the bundle files it holds (reperes-*.json, not recursive). */
async function expand(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const isDirectory = await stat(path).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isDirectory) {
      out.push(path);
      continue;
    }
    const names = (await readdir(path)).filter((n) => /^reperes-.*\.json$/.test(n)).sort();
    out.push(...names.map((n) => join(path, n)));
  }
  return out;
}

function describe(result: ImportFileResult, path: string): string {
  const b = 'bundle' in result ? result.bundle : undefined;
  const about = b ? ` — kiosk ${b.pseudonym}${b.siteCode ? ` (${b.siteCode})` : ''}, sequence ${b.sequence}, ${b.sessions} sessions, ${b.from} to ${b.to}` : '';
  switch (result.status) {
    case 'accepted': {
      const warnings = result.warnings.map((w) => `\n    warning ${w.code}: ${analystText('en', `import.warning.${w.code}`, w.detail)}`).join('');
      return `${path}: accepted${about}${warnings}`;
    }
    case 'duplicate':
      return `${path}: duplicate (already imported, nothing changed)${about}`;
    case 'rejected':
      return `${path}: REJECTED (${result.reason}) ${analystText('en', `import.reason.${result.reason}`)} ${result.detail}${about}`;
    case 'awaitingTrust':
      return `${path}: waiting for trust${about}`;
  }
}

export async function runImport(dbFile: string, paths: readonly string[], options: { trustNew: boolean; now?: Date }): Promise<CommandResult> {
  const files = await expand(paths);
  mkdirSync(dirname(resolve(dbFile)), { recursive: true });
  const db = openAnalystDatabase(dbFile);
  try {
    const store = createAnalystStore(db);
    const sources: ImportSource[] = [];
    for (const file of files) sources.push({ name: basename(file), read: await readLimited(file) });
    const report = importSources(store, sources, {
      trust: () => (options.trustNew ? 'trust' : 'reject'),
      untrustedHint: '; check its key fingerprint with the kiosk staff, then run again with --trust-new to register it',
      ...(options.now ? { today: options.now } : {}),
    });
    const lines: string[] = [];
    const errors: string[] = [];
    report.files.forEach((r, i) => (r.status === 'rejected' ? errors : lines).push(describe(r, files[i] ?? r.name)));
    const summary = `${report.accepted} accepted, ${report.duplicates} duplicate(s), ${report.rejected} rejected, into ${resolve(dbFile)}`;
    for (const kiosk of store.overview().kiosks) {
      if (kiosk.missingSequences.length > 0) lines.push(`kiosk ${kiosk.pseudonym}: missing sequence(s) ${kiosk.missingSequences.join(', ')}`);
    }
    lines.push(summary);
    return { ok: report.rejected === 0, lines, errors };
  } finally {
    db.close();
  }
}

export async function runPublish(dbFile: string, outDir: string, k: number, options: { now?: Date } = {}): Promise<CommandResult> {
  const db = openAnalystDatabase(dbFile);
  // Chromium starts while the tables, CSV, workbook and SVG charts are made (seconds on a
  // slow machine, on another core); the PNG and PDF steps wait for it.
  const executable = findChromiumExecutable();
  const launching: Promise<ClosableRenderer> | null = executable ? launchChromiumRenderer(executable) : null;
  // Observed at once, so that a failed launch is never an unhandled rejection; reported below.
  const launched = launching?.then(
    (renderer) => ({ renderer, error: null }),
    (error: unknown) => ({ renderer: null, error }),
  );
  try {
    const errors: string[] = [];
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
    const outcome = await writePublication({ store: createAnalystStore(db), k, folder: outDir, renderer, ...(options.now ? { now: options.now } : {}) });
    // As before the launch overlapped: a Chromium that cannot start fails the command itself.
    const launch = await launched;
    if (launch && launch.error !== null) throw launch.error;
    const lines = outcome.files.map((f) => `wrote ${join(resolve(outDir), f.path)} (${f.bytes} bytes)`);
    if (outcome.ok) {
      lines.push(`published ${outcome.rows} indicator rows with disclosure control k = ${outcome.k}`);
      return { ok: true, lines, errors };
    }
    errors.push(`publish failed (${outcome.reason})${outcome.detail ? `: ${outcome.detail}` : ''}`);
    return { ok: false, lines, errors };
  } finally {
    await (await launched)?.renderer?.close();
    db.close();
  }
}
