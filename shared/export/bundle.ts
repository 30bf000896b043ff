/**
 * The export bundle "reperes-aggregates", format version 1: its schema, how it is built from
 * stored sessions, and what its integrity fields cover. docs/export-format.md explains it to
 * analysts and docs/reperes-aggregates.schema.json is its JSON Schema.
 *
 * Integrity: `integrity.sha256` is the SHA-256 (hex) of the canonical JSON (shared/canonical.ts:
 * keys sorted, no whitespace, UTF-8) of the bundle WITHOUT its `integrity` member;
 * `integrity.signature` is the Ed25519 signature (base64) of those same canonical bytes by the
 * key whose public half is `kiosk.publicKey`. Signing needs node:crypto and lives in
 * electron/services/export/signing.ts; everything else here is pure. The schema that
 * analysts check a bundle against is bundle-schema.ts: this file is what every export runs,
 * and an export does not load the schema library (issue 13).
 */
import { canonicalJson } from '../canonical';
import type { Bundle, UnsignedBundle } from './bundle-schema';
import { tabulate, type SessionFacts, type Tables } from './tables';
import { tableSetFor } from './table-sets';

export type { Bundle, UnsignedBundle } from './bundle-schema';

export const FORMAT = 'reperes-aggregates';
export const FORMAT_VERSION = 1;

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
