/**
 * The schema of the export bundle "reperes-aggregates", format version 1, as analysts check a
 * bundle from elsewhere (electron/services/export/verify-bundle.ts, the import, `reperes
 * verify`), with its consistency rules. How a bundle is built and what its integrity covers
 * is bundle.ts; docs/reperes-aggregates.schema.json is this schema for other tools.
 */
import { z } from 'zod';
import { decodeBase64 } from '../key-fingerprint';
import { FORMAT, FORMAT_VERSION } from './bundle';
import { healthSchema } from './health-schema';
import { SITE_CODE, SITE_NAME_MAX } from '../settings/site';
import { DIMENSIONS, POPULATIONS, UNITS, type DimensionId, type Tables } from './tables';
import { tableSetFor } from './table-sets';

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
      siteCode: z.string().regex(SITE_CODE),
      siteName: z.string().max(SITE_NAME_MAX),
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

