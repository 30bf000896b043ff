/**
 * `reperes import`, `kiosks` and `remove`: the analyst mode's import, kiosk registry and undo
 * from the command line, with the same code as the analyst window (electron/services/analyst/);
 * `publish` is in ./publish-command.ts. Loaded only when one of them is asked for. Every value that
 * comes from a file or a kiosk (file names, site names, details) is printed through
 * `printable`, so that nothing in a file can drive the terminal.
 */
import { basename, resolve } from 'node:path';
import { analystText } from '../../shared/analyst/texts';
import { exportOverdue } from '../../shared/analyst/kiosk-health';
import type { ImportFileResult, KioskRecord, RemovalOutcome } from '../../shared/analyst/types';
import { printable } from '../../shared/printable';
import { readLimited } from '../services/analyst/bundle-file';
import { DEFAULT_LIMITS, type ImportLimits } from '../services/analyst/guards';
import { openAnalystDatabase } from '../services/analyst/index';
import { importSources, type ImportSource } from '../services/analyst/importer';
import { epochLabel } from '../../shared/export/bundle';
import { createAnalystStore, type AnalystStore } from '../services/analyst/store';
import { expandBundlePaths } from './bundle-paths';

export interface CommandResult {
  ok: boolean;
  lines: string[];
  errors: string[];
}

function describe(result: ImportFileResult, path: string): string {
  const b = 'bundle' in result ? result.bundle : undefined;
  const epoch = b && b.epoch !== '' ? `, epoch ${epochLabel(b.epoch)}` : '';
  const about = b ? ` — kiosk ${b.pseudonym}${b.siteCode ? ` (${b.siteCode})` : ''}${epoch}, sequence ${b.sequence}, ${b.sessions} sessions, ${b.from} to ${b.to}` : '';
  const file = printable(path);
  switch (result.status) {
    case 'accepted': {
      const warnings = result.warnings.map((w) => `\n    warning ${w.code}: ${printable(analystText('en', `import.warning.${w.code}`, w.detail))}`).join('');
      return `${file}: accepted${about}${warnings}`;
    }
    case 'duplicate':
      return `${file}: duplicate (already imported, nothing changed)${about}`;
    case 'rejected':
      return `${file}: REJECTED (${result.reason}) ${analystText('en', `import.reason.${result.reason}`)} ${printable(result.detail)}${about}`;
    case 'awaitingTrust':
      return `${file}: waiting for trust${about}`;
  }
}

/** Missing sequences of every kiosk and epoch, one line each. */
function missingLines(store: AnalystStore): string[] {
  const lines: string[] = [];
  for (const kiosk of store.overview().kiosks) {
    for (const e of kiosk.epochs) {
      if (e.missingCount === 0) continue;
      const epoch = kiosk.epochs.length > 1 || e.epoch !== '' ? ` (epoch ${epochLabel(e.epoch)})` : '';
      const more = e.missingCount > e.missingSequences.length ? `, … (${e.missingCount} in all)` : '';
      lines.push(`kiosk ${kiosk.pseudonym}${epoch}: missing sequence(s) ${e.missingSequences.join(', ')}${more}`);
    }
  }
  return lines;
}

export interface ImportCommandOptions {
  trustNew: boolean;
  now?: Date;
  limits?: ImportLimits;
}

/** Imports the bundle files that `paths` (files and folders) stand for; `dbFile` is created when missing. */
export async function runImport(dbFile: string, paths: readonly string[], options: ImportCommandOptions): Promise<CommandResult> {
  const { files, problems } = await expandBundlePaths(paths);
  const errors = problems.map(({ path, problem }) =>
    problem === 'missing'
      ? `${printable(path)}: does not exist (check the path of the stick or folder)`
      : problem === 'noBundleFiles'
        ? `${printable(path)}: no export file (reperes-….json) in this folder or its sub-folders; copy the exports from the kiosk (staff area, "Exporter") first`
        : `${printable(path)}: more files than one import reads; import its sub-folders one by one`,
  );
  if (files.length === 0) {
    errors.push(`nothing imported: no export file was found in ${paths.map(printable).join(', ')}; nothing was changed`);
    return { ok: false, lines: [], errors };
  }
  const db = openAnalystDatabase(dbFile);
  try {
    const store = createAnalystStore(db);
    const sources: ImportSource[] = [];
    for (const file of files) sources.push({ name: basename(file), read: await readLimited(file) });
    const report = importSources(store, sources, {
      trust: () => (options.trustNew ? 'trust' : 'reject'),
      untrustedHint: '; check its key fingerprint with the kiosk staff, then run again with --trust-new to register it',
      limits: options.limits ?? DEFAULT_LIMITS,
      ...(options.now ? { today: options.now } : {}),
    });
    const lines: string[] = [];
    report.files.forEach((r, i) => (r.status === 'rejected' ? errors : lines).push(describe(r, files[i] ?? r.name)));
    lines.push(...missingLines(store));
    lines.push(`${report.accepted} accepted, ${report.duplicates} duplicate(s), ${report.rejected} rejected, into ${printable(resolve(dbFile))}`);
    return { ok: report.rejected === 0 && problems.length === 0, lines, errors };
  } finally {
    db.close();
  }
}

/** The health line of `reperes kiosks`: what the kiosk's newest export with a health part said. */
function healthLines(k: KioskRecord): string[] {
  const h = k.health;
  if (!h) return ['  health           not reported (exports made before Repères reported health)'];
  const alerts = h.staffAlerts.length === 0 ? 'none' : h.staffAlerts.join(', ');
  const free = h.freeDiskMB === null ? 'unknown' : `${h.freeDiskMB} MB`;
  return [
    `  health           as of export ${h.sequence} of ${h.day}: app ${h.appVersion}, questionnaire ${h.questionnaireVersion}`,
    `                   ${h.restarts} restart(s), crash recoveries: ${h.crashRecoveries.window} page, ${h.crashRecoveries.unclean} unclean stop(s), ${h.crashRecoveries.database} database`,
    `                   staff alerts ${alerts}; free disk ${free}, database ${h.databaseMB} MB, last backup ${h.lastBackup ?? 'none'}`,
  ];
}

/** One kiosk as `reperes kiosks` lists it. */
function kioskLines(k: KioskRecord, overdueAfterDays: number): string[] {
  const site = [k.siteCode, k.siteName].filter(Boolean).map(printable).join(' ') || '(no site set)';
  const periods = k.from && k.to ? `${k.from} to ${k.to}` : '-';
  const since = k.daysSinceExport === null ? '' : ` (${k.daysSinceExport} day(s) ago)`;
  const overdue = k.exportOverdue ? `  OVERDUE: no export for more than ${overdueAfterDays} days` : '';
  const lines = [
    `${k.pseudonym}  ${site}${overdue}`,
    `  key fingerprint  ${k.fingerprint}`,
    `  exports          ${k.bundles} (${k.sessions} sessions), months ${periods}`,
    `  imports          first ${k.firstImportDay}, last ${k.lastImportDay ?? '-'}`,
    `  last export      made ${k.lastExportDay ?? '-'}${since}`,
    ...healthLines(k),
  ];
  for (const e of k.epochs) {
    const missing = e.missingCount === 0 ? 'none missing' : `missing ${e.missingSequences.join(', ')}${e.missingCount > e.missingSequences.length ? `, … (${e.missingCount} in all)` : ''}`;
    lines.push(`  epoch ${epochLabel(e.epoch).padEnd(9)}  ${e.bundles} export(s), sequences up to ${e.lastSequence}, ${missing}`);
  }
  return lines;
}

/** `reperes kiosks`: every registered kiosk, or one kiosk's exports (with the ids `remove --bundle` takes). */
export function runKiosks(dbFile: string, pseudonym?: string, overdueAfterDays?: number, today: Date = new Date()): CommandResult {
  const db = openAnalystDatabase(dbFile);
  try {
    const stored = createAnalystStore(db).overview(today);
    // --overdue-days flags for this listing only; the stored setting stays as the window set it.
    const afterDays = overdueAfterDays ?? stored.overdueAfterDays;
    const overview = { ...stored, overdueAfterDays: afterDays, kiosks: stored.kiosks.map((k) => ({ ...k, exportOverdue: exportOverdue(k.lastExportDay, stored.today, afterDays) })) };
    if (pseudonym !== undefined) {
      const k = overview.kiosks.find((x) => x.pseudonym === pseudonym);
      if (!k) return { ok: false, lines: [], errors: [`no kiosk ${printable(pseudonym)} in ${printable(resolve(dbFile))}; run "reperes kiosks --db ${printable(dbFile)}" to list them`] };
      const lines = kioskLines(k, afterDays);
      lines.push('', 'export id                             epoch      seq  months             sessions  imported');
      for (const e of k.exports) {
        lines.push(`${e.exportId}  ${epochLabel(e.epoch).padEnd(9)} ${String(e.sequence).padStart(4)}  ${e.from} to ${e.to}  ${String(e.sessions).padStart(8)}  ${e.importedDay}`);
      }
      return { ok: true, lines, errors: [] };
    }
    if (overview.kiosks.length === 0) return { ok: true, lines: [`no kiosk in ${printable(resolve(dbFile))} yet: import exports with reperes import --db ${printable(dbFile)} <folder>`], errors: [] };
    const lines = overview.kiosks.flatMap((k) => [...kioskLines(k, afterDays), '']);
    const others = overview.questionnaires.filter((q) => q.id !== overview.questionnaireId && q.bundles > 0);
    for (const q of others) {
      lines.push(`warning: ${q.bundles} export(s) of questionnaire ${printable(q.id)} ${printable(q.version)} are not counted (this database counts ${printable(overview.questionnaireId ?? '-')}); remove them (reperes remove --bundle <id>) and import them into another database`);
    }
    lines.push(`${overview.kiosks.length} kiosk(s), ${overview.bundles} export(s), ${overview.sessions} sessions`);
    const overdue = overview.kiosks.filter((k) => k.exportOverdue).length;
    lines.push(`${overdue} kiosk(s) with no export for more than ${afterDays} days`);
    return { ok: true, lines, errors: [] };
  } finally {
    db.close();
  }
}

export type RemoveTarget = { kiosk: string } | { bundle: string };

/** What would be removed, in words, or null when nothing matches. */
export function describeRemoval(dbFile: string, target: RemoveTarget): string | null {
  const db = openAnalystDatabase(dbFile);
  try {
    const store = createAnalystStore(db);
    if ('kiosk' in target) {
      const k = store.overview().kiosks.find((x) => x.pseudonym === target.kiosk);
      if (!k) return null;
      const site = [k.siteCode, k.siteName].filter(Boolean).map(printable).join(' ');
      return `kiosk ${k.pseudonym}${site ? ` (${site})` : ''}, key ${k.fingerprint}: its ${k.bundles} export(s), ${k.sessions} sessions, and its registration (its key must be trusted again to import it back)`;
    }
    const b = store.bundleById(target.bundle);
    if (!b) return null;
    const epoch = b.epoch === '' ? '' : `, epoch ${epochLabel(b.epoch)}`;
    return `export ${b.export_id} of kiosk ${b.pseudonym}${epoch}, sequence ${b.sequence}, ${b.sessions} sessions, ${b.period_from} to ${b.period_to}`;
  } finally {
    db.close();
  }
}

/** Removes a kiosk or a bundle in one transaction. */
export function runRemove(dbFile: string, target: RemoveTarget): CommandResult {
  const db = openAnalystDatabase(dbFile);
  try {
    const store = createAnalystStore(db);
    const outcome: RemovalOutcome | null = 'kiosk' in target ? store.removeKiosk(target.kiosk) : store.removeBundle(target.bundle);
    if (!outcome) {
      const what = 'kiosk' in target ? `kiosk ${printable(target.kiosk)}` : `export ${printable(target.bundle)}`;
      return { ok: false, lines: [], errors: [`no ${what} in ${printable(resolve(dbFile))}; nothing was removed (run "reperes kiosks --db ${printable(dbFile)}" to list kiosks, with --kiosk <pseudonym> for their export ids)`] };
    }
    const lines = [
      `removed ${outcome.kiosks ? '1 kiosk, ' : ''}${outcome.bundles} export(s), ${outcome.sessions} sessions from ${printable(resolve(dbFile))}`,
      `to bring ${outcome.bundles === 1 && !outcome.kiosks ? 'it' : 'them'} back, import the same file(s) again${outcome.kiosks ? ' with --trust-new' : ''}`,
    ];
    return { ok: true, lines, errors: [] };
  } finally {
    db.close();
  }
}
