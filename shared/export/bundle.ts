/**
 * The export bundle "reperes-aggregates", format version 1: its schema, how it is built from
 * stored sessions, and what its integrity fields cover. docs/export-format.md explains it to
 * analysts and docs/reperes-aggregates.schema.json is its JSON Schema.
 *
 * Integrity: `integrity.sha256` is the SHA-256 (hex) of the canonical JSON (shared/canonical.ts:
 * keys sorted, no whitespace, UTF-8) of the bundle WITHOUT its `integrity` member;
 * `integrity.signature` is the Ed25519 signature (base64) of those same canonical bytes by the
 * key whose public half is `kiosk.publicKey`. Signing needs node:crypto and lives in
 * electron/services/export/signing.ts; everything else here is pure.
 */
import { z } from 'zod';
import { canonicalJson } from '../canonical';
import { decodeBase64 } from '../key-fingerprint';
import { healthSchema } from './health';
import { DIMENSIONS, POPULATIONS, UNITS, tabulate, type DimensionId, type SessionFacts, type Tables } from './tables';
import { tableSetFor } from './table-sets';

export const FORMAT = 'reperes-aggregates';
export const FORMAT_VERSION = 1;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
export const PSEUDONYM = /^K-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;
const CODE = /^[A-Za-z0-9_-]{1,48}$/;

const cellSchema = z.record(z.string(), z.union([z.string().regex(CODE), z.number().int().min(1)]));

const tableSchema = z.strictObject({
  population: z.enum(POPULATIONS),
  unit: z.enum(UNITS),
  dimensions: z.array(z.enum(Object.keys(DIMENSIONS) as [DimensionId, ...DimensionId[]])).min(1).max(3),
  cells: z.array(cellSchema),
});

export const bundleSchema = z
  .strictObject({
    format: z.literal(FORMAT),
    formatVersion: z.literal(FORMAT_VERSION),
    kiosk: z.strictObject({
      pseudonym: z.string().regex(PSEUDONYM),
      siteCode: z.string().regex(/^[A-Z0-9-]{0,16}$/),
      siteName: z.string().max(80),
      // Checked as bytes too: a text that only a lenient decoder would read is refused, so
      // every reader of the file sees the same key (shared/key-fingerprint.ts).
      publicKey: z
        .string()
        .regex(BASE64)
        .max(200)
        .refine((key) => decodeBase64(key) !== null, 'not base64'),
    }),
    questionnaire: z.strictObject({
      id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
      version: z.string().regex(/^\d+\.\d+\.\d+$/),
      hash: z.string().regex(/^[0-9a-f]{64}$/),
    }),
    export: z.strictObject({
      id: z.uuid(),
      /**
       * The kiosk's export epoch: a random id that changes when the kiosk's database is restored
       * from a backup or recovered, so that its sequences start again at 1 without colliding
       * with the ones it sent before. Absent in bundles written before epochs existed: those
       * form one legacy epoch per kiosk (docs/export-format.md §5).
       */
      epoch: z.uuid().optional(),
      // Six digits, as in the file name: a kiosk exporting every day would need 2,700 years.
      sequence: z.number().int().min(1).max(999_999),
      created: z.string().regex(DAY),
      from: z.string().regex(MONTH),
      to: z.string().regex(MONTH),
      sessions: z.number().int().min(1),
    }),
    /**
     * The kiosk's health when the bundle was made (shared/export/health.ts). Absent in bundles
     * written before it existed: they stay readable (docs/export-format.md §2.1).
     */
    health: healthSchema.optional(),
    tables: z.record(z.string(), tableSchema),
    integrity: z.strictObject({
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      signature: z.string().regex(BASE64).max(200),
    }),
  })
  .superRefine((bundle, ctx) => {
    const issue = (message: string, path: (string | number)[]) => ctx.addIssue({ code: 'custom', message, path });
    if (bundle.export.from > bundle.export.to) issue('the period ends before it starts', ['export', 'to']);
    // The tables are those of the questionnaire's version: version 1 bundles keep their own set.
    const set = tableSetFor(bundle.questionnaire.version);
    if (!set) return issue(`questionnaire version ${bundle.questionnaire.version} has no table set this application knows`, ['questionnaire', 'version']);
    const ids = Object.keys(bundle.tables).sort();
    const expectedIds = set.map((t) => t.id);
    if (JSON.stringify(ids) !== JSON.stringify([...expectedIds].sort())) issue(`tables must be exactly ${expectedIds.join(', ')}`, ['tables']);
    for (const declaration of set) {
      const table = bundle.tables[declaration.id];
      if (!table) continue;
      const path = ['tables', declaration.id];
      if (table.population !== declaration.population || table.unit !== declaration.unit || table.dimensions.join() !== declaration.dimensions.join()) {
        issue('does not match its declaration', path);
        continue;
      }
      const seen = new Set<string>();
      table.cells.forEach((cell, i) => {
        const keys = Object.keys(cell).sort();
        const expected = [...declaration.dimensions, 'count'].sort();
        if (keys.join() !== expected.join()) return issue(`cell must hold exactly ${expected.join(', ')}`, [...path, 'cells', i]);
        if (typeof cell['count'] !== 'number') return issue('count must be a number', [...path, 'cells', i, 'count']);
        const codes = declaration.dimensions.map((d) => cell[d]);
        if (codes.some((c) => typeof c !== 'string')) return issue('codes must be strings', [...path, 'cells', i]);
        const key = JSON.stringify(codes);
        if (seen.has(key)) issue('duplicate cell', [...path, 'cells', i]);
        seen.add(key);
        const month = declaration.dimensions.includes('month') ? String(cell['month']) : null;
        if (month !== null && (!MONTH.test(month) || month < bundle.export.from || month > bundle.export.to)) issue('month outside the period', [...path, 'cells', i, 'month']);
      });
    }
    // Whether the tables agree with export.sessions and with one another is checked by the
    // import and `reperes verify` (electron/services/analyst/guards.ts), from each table's
    // population and unit, with a reason of its own.
  });

/** A bundle as the schema accepts it; its superRefine guarantees every cell's count is a number. */
export type Bundle = Omit<z.infer<typeof bundleSchema>, 'tables'> & { tables: Tables };
export type UnsignedBundle = Omit<Bundle, 'integrity'>;

export interface BundleHeader {
  kiosk: Bundle['kiosk'];
  questionnaire: Bundle['questionnaire'];
  export: Omit<Bundle['export'], 'from' | 'to' | 'sessions'>;
}

/** The bundle without integrity, for sessions that all answered `header.questionnaire` (tables of its version). */
export function buildUnsignedBundle(header: BundleHeader, sessions: readonly SessionFacts[]): UnsignedBundle {
  if (sessions.length === 0) throw new Error('an export holds at least one session');
  const set = tableSetFor(header.questionnaire.version);
  if (!set) throw new Error(`no table set for questionnaire version ${header.questionnaire.version}`);
  const months = sessions.map((s) => s.day.slice(0, 7)).sort();
  return bundleOfTables(header, { from: months[0] as string, to: months.at(-1) as string, sessions: sessions.length }, tabulate(sessions, set));
}

/** The bundle without integrity, from tables already counted (the kiosk's closed period). */
export function bundleOfTables(header: BundleHeader, period: Pick<Bundle['export'], 'from' | 'to' | 'sessions'>, tables: Tables): UnsignedBundle {
  return {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    kiosk: { ...header.kiosk },
    questionnaire: { ...header.questionnaire },
    export: { ...header.export, from: period.from, to: period.to, sessions: period.sessions },
    tables,
  };
}

/** The exact text that integrity.sha256 hashes and integrity.signature signs. */
export function signedText(bundle: UnsignedBundle | Bundle): string {
  const { integrity: _integrity, ...rest } = bundle as Bundle;
  return canonicalJson(rest);
}

/**
 * The text of a bundle file: indented JSON, members in the documented order, one cell per
 * line (readable in a text editor, and three times smaller than indenting cells too).
 */
export function serializeBundle(bundle: Bundle): string {
  const marker = (id: string, i: number) => `\u0000${id}\u0000${i}`;
  const tables = Object.fromEntries(Object.entries(bundle.tables).map(([id, t]) => [id, { ...t, cells: t.cells.map((_, i) => marker(id, i)) }]));
  const text = JSON.stringify({ ...bundle, tables }, null, 2).replace(/"\\u0000([A-Za-z_]+)\\u0000(\d+)"/g, (_, id: string, i: string) =>
    JSON.stringify(bundle.tables[id]?.cells[Number(i)]),
  );
  return `${text}\n`;
}

/**
 * `reperes-<pseudonym>-<sequence, 6 digits>.json`: sorts by sequence and never collides between
 * kiosks. With an epoch, its first 8 hexadecimal digits come before the sequence
 * (`reperes-<pseudonym>-<epoch>-<sequence>.json`): a restored kiosk numbers its exports from 1
 * again, and its files must not replace the ones of its earlier epoch on a stick.
 */
export function bundleFileName(pseudonym: string, sequence: number, epoch?: string): string {
  const tag = epoch === undefined ? '' : `${epoch.replace(/-/g, '').slice(0, 8)}-`;
  return `reperes-${pseudonym}-${tag}${String(sequence).padStart(6, '0')}.json`;
}

/** The legacy epoch's name in the analyst database and in reports: bundles without `export.epoch`. */
export const LEGACY_EPOCH = '';

/** The epoch a bundle belongs to (LEGACY_EPOCH when it carries none). */
export function epochOf(bundle: Pick<Bundle, 'export'>): string {
  return bundle.export.epoch ?? LEGACY_EPOCH;
}

/** "3f2a9c01" for an epoch, "legacy" for bundles without one: what reports call an epoch. */
export function epochLabel(epoch: string): string {
  return epoch === '' ? 'legacy' : epoch.slice(0, 8);
}
