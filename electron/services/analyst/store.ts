/**
 * The analyst database's one owner: kiosks, bundles, cells and questionnaire versions, with
 * the reads the dashboard needs (sums of cells in SQL) and the one write an import makes.
 */
import { missingSequences } from './sequences';
import { epochOf, type Bundle } from '../../../shared/export/bundle';
import { type Cell, type Tables } from '../../../shared/export/tables';
import { combineVersions, tableSetFor, type VersionedTables } from '../../../shared/export/table-sets';
import type { AnalystOverview, BundleSummary, DashboardFilters, EpochRecord, ExportRecord, KioskHealthRecord, KioskRecord, RemovalOutcome } from '../../../shared/analyst/types';
import { DEFAULT_OVERDUE_DAYS, MAX_OVERDUE_DAYS, MIN_OVERDUE_DAYS, daysBetween, exportOverdue } from '../../../shared/analyst/kiosk-health';
import { healthSchema } from '../../../shared/export/health-schema';
import { coarseDay } from '../../../shared/session/day';
import { canonicalKey } from '../../../shared/key-fingerprint';
import { keyFingerprint } from '../key-fingerprint';
import { monthRange } from '../../../shared/analyst/dashboard';
import type { Db } from '../database';

export interface KioskRow {
  pseudonym: string;
  public_key: string;
  fingerprint: string;
  first_import_day: string;
}

export interface BundleRow {
  export_id: string;
  pseudonym: string;
  epoch: string;
  sequence: number;
  sha256: string;
  site_code: string;
  site_name: string;
  period_from: string;
  period_to: string;
  sessions: number;
  questionnaire_id: string;
  questionnaire_version: string;
  created_day: string;
  imported_day: string;
}

/** The one spelling of a key the database keeps and looks up (shared/key-fingerprint.ts). */
function storedKey(publicKeyBase64: string): string {
  const key = canonicalKey(publicKeyBase64);
  // The bundle schema refuses keys that are not base64 before anything reaches the store.
  if (key === null) throw new Error('the public key is not base64');
  return key;
}

export function summarize(bundle: Bundle): BundleSummary {
  return {
    exportId: bundle.export.id,
    pseudonym: bundle.kiosk.pseudonym,
    siteCode: bundle.kiosk.siteCode,
    siteName: bundle.kiosk.siteName,
    epoch: epochOf(bundle),
    sequence: bundle.export.sequence,
    from: bundle.export.from,
    to: bundle.export.to,
    sessions: bundle.export.sessions,
    questionnaire: `${bundle.questionnaire.id} ${bundle.questionnaire.version}`,
  };
}

export interface SelectedTables {
  tables: Tables;
  bundles: number;
  kiosks: number;
  /** Per table: questionnaire versions of the selection left out of its sums (not comparable). */
  leftOut: Record<string, string[]>;
}

export function createAnalystStore(db: Db) {
  const kioskByPseudonym = db.prepare('SELECT * FROM kiosks WHERE pseudonym = ?');
  const kioskByKey = db.prepare('SELECT * FROM kiosks WHERE public_key = ?');
  // The columns of BundleRow only: `SELECT *` also read every bundle's whole text (tens of
  // kB each), twice per imported file, for all the earlier bundles of its kiosk.
  const BUNDLE_COLUMNS = `export_id, pseudonym, epoch, sequence, sha256, site_code, site_name, period_from, period_to, sessions,
    questionnaire_id, questionnaire_version, created_day, imported_day`;
  const bundleById = db.prepare(`SELECT ${BUNDLE_COLUMNS} FROM bundles WHERE export_id = ?`);
  // Epochs in the order they were first imported (rowid), sequences in order within each.
  const bundlesOfKiosk = db.prepare(
    `SELECT ${BUNDLE_COLUMNS} FROM bundles b WHERE pseudonym = ?
     ORDER BY (SELECT min(rowid) FROM bundles e WHERE e.pseudonym = b.pseudonym AND e.epoch = b.epoch), sequence`,
  );
  const bundlesOfEpoch = db.prepare(`SELECT ${BUNDLE_COLUMNS} FROM bundles WHERE pseudonym = ? AND epoch = ? ORDER BY sequence`);
  const versionSeen = db.prepare('SELECT 1 FROM questionnaire_versions WHERE id = ? AND version = ? AND hash = ?');
  const insertKiosk = db.prepare('INSERT INTO kiosks (pseudonym, public_key, fingerprint, first_import_day) VALUES (?, ?, ?, ?)');
  const insertVersion = db.prepare('INSERT INTO questionnaire_versions (id, version, hash, first_import_day) VALUES (?, ?, ?, ?)');
  const insertBundle = db.prepare(`INSERT INTO bundles (export_id, pseudonym, epoch, sequence, sha256, site_code, site_name, questionnaire_id,
      questionnaire_version, questionnaire_hash, period_from, period_to, sessions, created_day, imported_day, file_name, bundle_text, health)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  // The newest export that carried a health part: by the day it was made, then the latest import.
  const latestHealth = db.prepare(`SELECT health, created_day, sequence, epoch FROM bundles
      WHERE pseudonym = ? AND health IS NOT NULL ORDER BY created_day DESC, rowid DESC LIMIT 1`);
  const readSetting = db.prepare('SELECT value FROM analyst_settings WHERE key = ?');
  const writeSetting = db.prepare('INSERT INTO analyst_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const insertCell = db.prepare('INSERT INTO cells (export_id, table_id, c1, c2, c3, count) VALUES (?, ?, ?, ?, ?, ?)');
  const sessionsStored = db.prepare('SELECT coalesce(sum(sessions), 0) AS n FROM bundles');
  // The questionnaire the figures count: the id of the earliest bundle still stored.
  const countedQuestionnaire = db.prepare('SELECT questionnaire_id AS id FROM bundles ORDER BY rowid LIMIT 1');

  /** Writes one verified bundle (and its kiosk and questionnaire version when new) in one transaction. */
  const addBundle = db.transaction((bundle: Bundle, text: string, fileName: string, today: string, newKiosk: boolean) => {
    if (newKiosk) insertKiosk.run(bundle.kiosk.pseudonym, storedKey(bundle.kiosk.publicKey), keyFingerprint(bundle.kiosk.publicKey), today);
    const q = bundle.questionnaire;
    if (!versionSeen.get(q.id, q.version, q.hash)) insertVersion.run(q.id, q.version, q.hash, today);
    const e = bundle.export;
    insertBundle.run(e.id, bundle.kiosk.pseudonym, epochOf(bundle), e.sequence, bundle.integrity.sha256, bundle.kiosk.siteCode, bundle.kiosk.siteName, q.id, q.version, q.hash, e.from, e.to, e.sessions, e.created, today, fileName, text, bundle.health ? JSON.stringify(bundle.health) : null);
    // The bundle's own table set (the schema checked that it holds exactly that set).
    for (const declaration of tableSetFor(q.version) ?? []) {
      for (const cell of bundle.tables[declaration.id]?.cells ?? []) {
        const codes = declaration.dimensions.map((d) => String(cell[d]));
        insertCell.run(e.id, declaration.id, codes[0] ?? '', codes[1] ?? '', codes[2] ?? '', cell['count'] as number);
      }
    }
  });

  const deleteCellsOf = db.prepare('DELETE FROM cells WHERE export_id = ?');
  const deleteBundle = db.prepare('DELETE FROM bundles WHERE export_id = ?');
  const deleteKiosk = db.prepare('DELETE FROM kiosks WHERE pseudonym = ?');
  // A questionnaire version no bundle uses any more was only there because of what was removed.
  const deleteUnusedVersions = db.prepare(`DELETE FROM questionnaire_versions WHERE NOT EXISTS (SELECT 1 FROM bundles b
      WHERE b.questionnaire_id = questionnaire_versions.id AND b.questionnaire_version = questionnaire_versions.version AND b.questionnaire_hash = questionnaire_versions.hash)`);

  /**
   * Removes a kiosk (its registration, so its key must be trusted again, and every bundle it
   * sent) in one transaction. Null when no kiosk has that pseudonym.
   */
  const removeKiosk = db.transaction((pseudonym: string): RemovalOutcome | null => {
    if (!kioskByPseudonym.get(pseudonym)) return null;
    const bundles = bundlesOfKiosk.all(pseudonym) as BundleRow[];
    for (const b of bundles) {
      deleteCellsOf.run(b.export_id);
      deleteBundle.run(b.export_id);
    }
    deleteKiosk.run(pseudonym);
    deleteUnusedVersions.run();
    return { kiosks: 1, bundles: bundles.length, sessions: bundles.reduce((n, b) => n + b.sessions, 0) };
  });

  /** Removes one bundle and its cells in one transaction (the kiosk stays trusted). Null when unknown. */
  const removeBundle = db.transaction((exportId: string): RemovalOutcome | null => {
    const bundle = bundleById.get(exportId) as BundleRow | undefined;
    if (!bundle) return null;
    deleteCellsOf.run(exportId);
    deleteBundle.run(exportId);
    deleteUnusedVersions.run();
    return { kiosks: 0, bundles: 1, sessions: bundle.sessions };
  });

  function questionnaireId(): string | null {
    return (countedQuestionnaire.get() as { id: string } | undefined)?.id ?? null;
  }

  /** `WHERE` over bundles for a site and, optionally, exports lying wholly inside the period. */
  function bundleWhere(filters: Pick<DashboardFilters, 'site' | 'from' | 'to'>, wholeExports: boolean): { sql: string; params: string[] } {
    // Never sum bundles of different questionnaire ids: only the counted one (see questionnaireId).
    const parts: string[] = ['questionnaire_id = (SELECT questionnaire_id FROM bundles ORDER BY rowid LIMIT 1)'];
    const params: string[] = [];
    if (filters.site !== null) {
      parts.push('site_code = ?');
      params.push(filters.site);
    }
    if (wholeExports && filters.from !== null) {
      parts.push('period_from >= ?');
      params.push(filters.from);
    }
    if (wholeExports && filters.to !== null) {
      parts.push('period_to <= ?');
      params.push(filters.to);
    }
    // Month by month, only exports that reach into the period: their cells are the only ones
    // kept, and the questionnaire versions compared are those of the period.
    if (!wholeExports && filters.from !== null) {
      parts.push('period_to >= ?');
      params.push(filters.from);
    }
    if (!wholeExports && filters.to !== null) {
      parts.push('period_from <= ?');
      params.push(filters.to);
    }
    return { sql: `WHERE ${parts.join(' AND ')}`, params };
  }

  /**
   * Cell-by-cell sums of every table over the selected bundles. SQL adds the cells of each
   * questionnaire major version apart; versions are then combined by the one rule of
   * shared/export/table-sets.ts (a table is summed across versions only where its declaration
   * says they count the same thing), and the versions a table leaves out are reported.
   */
  function sumTables(filters: Pick<DashboardFilters, 'site' | 'from' | 'to'>, wholeExports: boolean): SelectedTables {
    const where = bundleWhere(filters, wholeExports);
    const rows = db
      .prepare(
        `SELECT b.questionnaire_version AS version, c.table_id, c.c1, c.c2, c.c3, sum(c.count) AS n
         FROM cells c JOIN bundles b ON b.export_id = c.export_id
         WHERE c.export_id IN (SELECT export_id FROM bundles ${where.sql})
         GROUP BY b.questionnaire_version, c.table_id, c.c1, c.c2, c.c3 ORDER BY b.questionnaire_version, c.table_id, c.c1, c.c2, c.c3`,
      )
      .all(...where.params) as { version: string; table_id: string; c1: string; c2: string; c3: string; n: number }[];
    const byVersion = new Map<string, VersionedTables>();
    for (const row of rows) {
      const set = tableSetFor(row.version);
      const declaration = set?.find((d) => d.id === row.table_id);
      if (!set || !declaration) continue;
      let part = byVersion.get(row.version);
      if (!part) {
        const tables: Tables = {};
        for (const d of set) tables[d.id] = { population: d.population, unit: d.unit, dimensions: [...d.dimensions], cells: [] };
        part = { version: row.version, tables };
        byVersion.set(row.version, part);
      }
      const codes = [row.c1, row.c2, row.c3];
      const cell = Object.fromEntries(declaration.dimensions.map((d, i) => [d, codes[i] ?? ''])) as Cell;
      cell.count = row.n;
      part.tables[row.table_id]?.cells.push(cell);
    }
    const combined = combineVersions([...byVersion.values()]);
    const counts = db.prepare(`SELECT count(*) AS bundles, count(DISTINCT pseudonym) AS kiosks FROM bundles ${where.sql}`).get(...where.params) as { bundles: number; kiosks: number };
    return { tables: combined.tables, leftOut: combined.leftOut, ...counts };
  }

  /** Bundles of the site selection that overlap the period without lying inside it. */
  function straddling(filters: Pick<DashboardFilters, 'site' | 'from' | 'to'>): number {
    if (filters.from === null && filters.to === null) return 0;
    const site = bundleWhere({ site: filters.site, from: null, to: null }, false);
    const from = filters.from ?? '0000-01';
    const to = filters.to ?? '9999-12';
    const sql = `SELECT count(*) AS n FROM bundles ${site.sql} AND
      period_to >= ? AND period_from <= ? AND NOT (period_from >= ? AND period_to <= ?)`;
    return (db.prepare(sql).get(...site.params, from, to, from, to) as { n: number }).n;
  }

  function epochRecords(bundles: readonly BundleRow[]): EpochRecord[] {
    const epochs = new Map<string, BundleRow[]>();
    for (const b of bundles) epochs.set(b.epoch, [...(epochs.get(b.epoch) ?? []), b]);
    return [...epochs.entries()].map(([epoch, rows]) => {
      const last = rows.at(-1)?.sequence ?? 0;
      // Bounded whatever sequence a bundle claimed: see sequences.ts.
      const missing = missingSequences(new Set(rows.map((b) => b.sequence)), last);
      return { epoch, bundles: rows.length, lastSequence: last, missingSequences: missing.first, missingCount: missing.count };
    });
  }

  function exportRecord(b: BundleRow): ExportRecord {
    return {
      exportId: b.export_id,
      epoch: b.epoch,
      sequence: b.sequence,
      from: b.period_from,
      to: b.period_to,
      sessions: b.sessions,
      questionnaire: `${b.questionnaire_id} ${b.questionnaire_version}`,
      createdDay: b.created_day,
      importedDay: b.imported_day,
    };
  }

  /** Days without export before a kiosk is flagged: the analyst's setting, or the default. */
  function overdueAfterDays(): number {
    const row = readSetting.get('overdueAfterDays') as { value: string } | undefined;
    const days = row ? (JSON.parse(row.value) as unknown) : null;
    return typeof days === 'number' && Number.isInteger(days) && days >= MIN_OVERDUE_DAYS && days <= MAX_OVERDUE_DAYS ? days : DEFAULT_OVERDUE_DAYS;
  }

  function setOverdueAfterDays(days: number): number {
    if (!Number.isInteger(days) || days < MIN_OVERDUE_DAYS || days > MAX_OVERDUE_DAYS) throw new RangeError(`overdueAfterDays must be a whole number from ${MIN_OVERDUE_DAYS} to ${MAX_OVERDUE_DAYS}`);
    writeSetting.run('overdueAfterDays', JSON.stringify(days));
    return days;
  }

  /** The health of the kiosk's newest export that has one (checked again: the column is only a copy of the signed text). */
  function healthOf(pseudonym: string): KioskHealthRecord | null {
    const row = latestHealth.get(pseudonym) as { health: string; created_day: string; sequence: number; epoch: string } | undefined;
    if (!row) return null;
    const parsed = healthSchema.safeParse(JSON.parse(row.health));
    return parsed.success ? { ...parsed.data, day: row.created_day, sequence: row.sequence, epoch: row.epoch } : null;
  }

  function kioskRecords(today: string, afterDays: number): KioskRecord[] {
    const kiosks = db.prepare('SELECT * FROM kiosks ORDER BY pseudonym').all() as KioskRow[];
    return kiosks.map((k) => {
      const bundles = bundlesOfKiosk.all(k.pseudonym) as BundleRow[];
      const latest = [...bundles].sort((a, b) => (a.created_day < b.created_day ? -1 : a.created_day > b.created_day ? 1 : 0)).at(-1);
      const froms = bundles.map((b) => b.period_from).sort();
      const tos = bundles.map((b) => b.period_to).sort();
      const imports = bundles.map((b) => b.imported_day).sort();
      return {
        pseudonym: k.pseudonym,
        siteCode: latest?.site_code ?? '',
        siteName: latest?.site_name ?? '',
        fingerprint: keyFingerprint(k.public_key),
        firstImportDay: k.first_import_day,
        lastImportDay: imports.at(-1) ?? null,
        bundles: bundles.length,
        sessions: bundles.reduce((s, b) => s + b.sessions, 0),
        epochs: epochRecords(bundles),
        exports: bundles.map(exportRecord),
        from: froms[0] ?? null,
        to: tos.at(-1) ?? null,
        lastExportDay: latest?.created_day ?? null,
        daysSinceExport: latest ? daysBetween(latest.created_day, today) : null,
        exportOverdue: exportOverdue(latest?.created_day ?? null, today, afterDays),
        health: healthOf(k.pseudonym),
      };
    });
  }

  /** Everything imported, with kiosks flagged as of `today` (the analyst's clock). */
  function overview(today: Date = new Date()): AnalystOverview {
    const day = coarseDay(today);
    const afterDays = overdueAfterDays();
    const questionnaires = (
      db
        .prepare(
          `SELECT q.id, q.version, q.hash, q.first_import_day AS firstImportDay,
             (SELECT count(*) FROM bundles b WHERE b.questionnaire_id = q.id AND b.questionnaire_version = q.version AND b.questionnaire_hash = q.hash) AS bundles
           FROM questionnaire_versions q ORDER BY q.id, q.version`,
        )
        .all() as AnalystOverview['questionnaires']
    ).map((q) => ({ ...q }));
    const sites = db
      .prepare(
        `SELECT site_code AS code, (SELECT b2.site_name FROM bundles b2 WHERE b2.site_code = b.site_code ORDER BY b2.created_day DESC, b2.sequence DESC LIMIT 1) AS name
         FROM bundles b GROUP BY site_code ORDER BY site_code`,
      )
      .all() as { code: string; name: string }[];
    const span = db.prepare('SELECT min(period_from) AS f, max(period_to) AS t, count(*) AS n, coalesce(sum(sessions), 0) AS s FROM bundles').get() as { f: string | null; t: string | null; n: number; s: number };
    return {
      kiosks: kioskRecords(day, afterDays),
      overdueAfterDays: afterDays,
      today: day,
      questionnaires,
      questionnaireId: questionnaireId(),
      sites,
      months: span.f && span.t ? monthRange(span.f, span.t) : [],
      bundles: span.n,
      sessions: span.s,
    };
  }

  return {
    kioskByPseudonym: (pseudonym: string) => kioskByPseudonym.get(pseudonym) as KioskRow | undefined,
    /** The kiosk registered with these key bytes, whatever their base64 spelling. */
    kioskByKey: (publicKey: string) => kioskByKey.get(storedKey(publicKey)) as KioskRow | undefined,
    bundleById: (exportId: string) => bundleById.get(exportId) as BundleRow | undefined,
    bundlesOfKiosk: (pseudonym: string) => bundlesOfKiosk.all(pseudonym) as BundleRow[],
    bundlesOfEpoch: (pseudonym: string, epoch: string) => bundlesOfEpoch.all(pseudonym, epoch) as BundleRow[],
    questionnaireSeen: (q: Bundle['questionnaire']) => versionSeen.get(q.id, q.version, q.hash) !== undefined,
    questionnaireId,
    sessionsStored: () => (sessionsStored.get() as { n: number }).n,
    addBundle: (bundle: Bundle, text: string, fileName: string, today: string, newKiosk: boolean) => addBundle(bundle, text, fileName, today, newKiosk),
    removeKiosk: (pseudonym: string) => removeKiosk(pseudonym),
    removeBundle: (exportId: string) => removeBundle(exportId),
    sumTables,
    straddling,
    overview,
    overdueAfterDays,
    setOverdueAfterDays,
  };
}

export type AnalystStore = ReturnType<typeof createAnalystStore>;
