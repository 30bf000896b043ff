/**
 * The analyst database's one owner: kiosks, bundles, cells and questionnaire versions, with
 * the reads the dashboard needs (sums of cells in SQL) and the one write an import makes.
 */
import { missingSequences } from './sequences';
import { createHash } from 'node:crypto';
import type { Bundle } from '../../../shared/export/bundle';
import { type Cell, type Tables } from '../../../shared/export/tables';
import { combineVersions, tableSetFor, type VersionedTables } from '../../../shared/export/table-sets';
import type { AnalystOverview, BundleSummary, DashboardFilters, KioskRecord } from '../../../shared/analyst/types';
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
  sequence: number;
  sha256: string;
  site_code: string;
  site_name: string;
  period_from: string;
  period_to: string;
  sessions: number;
}

/** SHA-256 of the DER public key, hex in groups of 4: what the analyst compares with the kiosk. */
export function keyFingerprint(publicKeyBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex');
  return (hex.slice(0, 32).match(/.{4}/g) ?? []).join(' ');
}

export function summarize(bundle: Bundle): BundleSummary {
  return {
    exportId: bundle.export.id,
    pseudonym: bundle.kiosk.pseudonym,
    siteCode: bundle.kiosk.siteCode,
    siteName: bundle.kiosk.siteName,
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
  const BUNDLE_COLUMNS = 'export_id, pseudonym, sequence, sha256, site_code, site_name, period_from, period_to, sessions';
  const bundleById = db.prepare(`SELECT ${BUNDLE_COLUMNS} FROM bundles WHERE export_id = ?`);
  const bundlesOfKiosk = db.prepare(`SELECT ${BUNDLE_COLUMNS} FROM bundles WHERE pseudonym = ? ORDER BY sequence`);
  const versionSeen = db.prepare('SELECT 1 FROM questionnaire_versions WHERE id = ? AND version = ? AND hash = ?');
  const insertKiosk = db.prepare('INSERT INTO kiosks (pseudonym, public_key, fingerprint, first_import_day) VALUES (?, ?, ?, ?)');
  const insertVersion = db.prepare('INSERT INTO questionnaire_versions (id, version, hash, first_import_day) VALUES (?, ?, ?, ?)');
  const insertBundle = db.prepare(`INSERT INTO bundles (export_id, pseudonym, sequence, sha256, site_code, site_name, questionnaire_id,
      questionnaire_version, questionnaire_hash, period_from, period_to, sessions, created_day, imported_day, file_name, bundle_text)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertCell = db.prepare('INSERT INTO cells (export_id, table_id, c1, c2, c3, count) VALUES (?, ?, ?, ?, ?, ?)');

  /** Writes one verified bundle (and its kiosk and questionnaire version when new) in one transaction. */
  const addBundle = db.transaction((bundle: Bundle, text: string, fileName: string, today: string, newKiosk: boolean) => {
    if (newKiosk) insertKiosk.run(bundle.kiosk.pseudonym, bundle.kiosk.publicKey, keyFingerprint(bundle.kiosk.publicKey), today);
    const q = bundle.questionnaire;
    if (!versionSeen.get(q.id, q.version, q.hash)) insertVersion.run(q.id, q.version, q.hash, today);
    const e = bundle.export;
    insertBundle.run(e.id, bundle.kiosk.pseudonym, e.sequence, bundle.integrity.sha256, bundle.kiosk.siteCode, bundle.kiosk.siteName, q.id, q.version, q.hash, e.from, e.to, e.sessions, e.created, today, fileName, text);
    // The bundle's own table set (the schema checked that it holds exactly that set).
    for (const declaration of tableSetFor(q.version) ?? []) {
      for (const cell of bundle.tables[declaration.id]?.cells ?? []) {
        const codes = declaration.dimensions.map((d) => String(cell[d]));
        insertCell.run(e.id, declaration.id, codes[0] ?? '', codes[1] ?? '', codes[2] ?? '', cell['count'] as number);
      }
    }
  });

  /** `WHERE` over bundles for a site and, optionally, exports lying wholly inside the period. */
  function bundleWhere(filters: Pick<DashboardFilters, 'site' | 'from' | 'to'>, wholeExports: boolean): { sql: string; params: string[] } {
    const parts: string[] = [];
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
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
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
    const sql = `SELECT count(*) AS n FROM bundles ${site.sql ? `${site.sql} AND` : 'WHERE'}
      period_to >= ? AND period_from <= ? AND NOT (period_from >= ? AND period_to <= ?)`;
    return (db.prepare(sql).get(...site.params, from, to, from, to) as { n: number }).n;
  }

  function kioskRecords(): KioskRecord[] {
    const kiosks = db.prepare('SELECT * FROM kiosks ORDER BY pseudonym').all() as KioskRow[];
    return kiosks.map((k) => {
      const bundles = bundlesOfKiosk.all(k.pseudonym) as BundleRow[];
      const sequences = new Set(bundles.map((b) => b.sequence));
      const last = bundles.at(-1);
      // Bounded whatever sequence a bundle claimed: see sequences.ts.
      const missing = missingSequences(sequences, last?.sequence ?? 0).first;
      const froms = bundles.map((b) => b.period_from).sort();
      const tos = bundles.map((b) => b.period_to).sort();
      return {
        pseudonym: k.pseudonym,
        siteCode: last?.site_code ?? '',
        siteName: last?.site_name ?? '',
        fingerprint: k.fingerprint,
        firstImportDay: k.first_import_day,
        bundles: bundles.length,
        sessions: bundles.reduce((s, b) => s + b.sessions, 0),
        lastSequence: last?.sequence ?? 0,
        missingSequences: missing,
        from: froms[0] ?? null,
        to: tos.at(-1) ?? null,
      };
    });
  }

  function overview(): AnalystOverview {
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
      kiosks: kioskRecords(),
      questionnaires,
      sites,
      months: span.f && span.t ? monthRange(span.f, span.t) : [],
      bundles: span.n,
      sessions: span.s,
    };
  }

  return {
    kioskByPseudonym: (pseudonym: string) => kioskByPseudonym.get(pseudonym) as KioskRow | undefined,
    kioskByKey: (publicKey: string) => kioskByKey.get(publicKey) as KioskRow | undefined,
    bundleById: (exportId: string) => bundleById.get(exportId) as BundleRow | undefined,
    bundlesOfKiosk: (pseudonym: string) => bundlesOfKiosk.all(pseudonym) as BundleRow[],
    questionnaireSeen: (q: Bundle['questionnaire']) => versionSeen.get(q.id, q.version, q.hash) !== undefined,
    addBundle: (bundle: Bundle, text: string, fileName: string, today: string, newKiosk: boolean) => addBundle(bundle, text, fileName, today, newKiosk),
    sumTables,
    straddling,
    overview,
  };
}

export type AnalystStore = ReturnType<typeof createAnalystStore>;
