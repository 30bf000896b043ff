/**
 * Importing bundles into the analyst database, one transaction per file.
 *
 * Order of the decisions for one file (each refusal leaves the database untouched, because
 * nothing is written before the single `addBundle` transaction):
 *  1. the file's own checks (bundle-file.ts): size, UTF-8, depth, keys, format, version,
 *     schema, SHA-256, Ed25519 signature by `kiosk.publicKey`;
 *  2. export id already imported: same SHA-256 → "duplicate" (nothing changes), otherwise
 *     → rejected `exportIdConflict`;
 *  3. the kiosk: a known pseudonym with another key, or a known key under another
 *     pseudonym → rejected `kioskKeyMismatch`; an unknown kiosk is registered only if the
 *     trust policy says so (command line `--trust-new`, or the analyst's confirmation in the
 *     window), else rejected `untrustedKiosk` (or held, in the window, until confirmed);
 *  4. the same kiosk and sequence number under another export id → rejected
 *     `sequenceReused` (a kiosk restored from an old backup would count sessions twice);
 *  5. accepted, with warnings: `newKiosk`, `sequenceGap` (sequences missing before this
 *     one), `periodOverlap` (an earlier export of this kiosk ends after this one starts, or
 *     a later one starts before it ends; sharing the boundary month is normal, exports cut
 *     by session and not by month), `newQuestionnaireVersion`.
 *
 * Within one import, files are processed by kiosk and sequence, so a batch given in any order
 * reports gaps only where a sequence is really missing; the report keeps the given order.
 */
import { describeMissing, missingSequences } from './sequences';
import { randomBytes } from 'node:crypto';
import type { Bundle } from '../../../shared/export/bundle';
import type { ImportFileResult, ImportReport, ImportWarningItem, NewKiosk } from '../../../shared/analyst/types';
import { coarseDay } from '../../../shared/session/record';
import { checkBundleBytes, type CheckedBundle } from './bundle-file';
import { keyFingerprint, summarize, type AnalystStore } from './store';

export interface ImportSource {
  name: string;
  /** The file's bytes, or the reason it could not be read (too large, unreadable). */
  read: { ok: true; bytes: Uint8Array } | { ok: false; reason: 'tooLarge' | 'readError'; detail: string };
}

/** What to do with a kiosk seen for the first time. */
export type TrustPolicy = (kiosk: { pseudonym: string; publicKey: string; fingerprint: string }) => 'trust' | 'reject' | 'ask' | 'declined';

export interface ImportOptions {
  trust: TrustPolicy;
  today?: Date;
  /** Hint added to `untrustedKiosk` details (the command line names --trust-new). */
  untrustedHint?: string;
}

interface Checked {
  index: number;
  source: ImportSource;
  checked: CheckedBundle;
}

function warningsFor(store: AnalystStore, bundle: Bundle, newKiosk: boolean): ImportWarningItem[] {
  const warnings: ImportWarningItem[] = [];
  const e = bundle.export;
  if (newKiosk) warnings.push({ code: 'newKiosk', detail: { pseudonym: bundle.kiosk.pseudonym, fingerprint: keyFingerprint(bundle.kiosk.publicKey) } });
  const others = store.bundlesOfKiosk(bundle.kiosk.pseudonym);
  const sequences = new Set(others.map((b) => b.sequence));
  const missing = missingSequences(sequences, e.sequence);
  if (missing.count > 0) warnings.push({ code: 'sequenceGap', detail: { missing: describeMissing(missing), sequence: e.sequence } });
  for (const o of others) {
    const overlaps = (o.sequence < e.sequence && o.period_to > e.from) || (o.sequence > e.sequence && o.period_from < e.to);
    if (overlaps) warnings.push({ code: 'periodOverlap', detail: { sequence: o.sequence, from: o.period_from, to: o.period_to } });
  }
  if (!store.questionnaireSeen(bundle.questionnaire)) warnings.push({ code: 'newQuestionnaireVersion', detail: { questionnaire: `${bundle.questionnaire.id} ${bundle.questionnaire.version}` } });
  return warnings;
}

/** Imports one checked file; returns its line of the report. */
function importOne(store: AnalystStore, name: string, checked: CheckedBundle, options: ImportOptions): ImportFileResult {
  if (!checked.ok) return { name, status: 'rejected', reason: checked.reason, detail: checked.detail };
  const { bundle, text } = checked;
  const summary = summarize(bundle);
  const known = store.bundleById(bundle.export.id);
  if (known) {
    if (known.sha256 === bundle.integrity.sha256) return { name, status: 'duplicate', bundle: summary };
    return { name, status: 'rejected', reason: 'exportIdConflict', detail: `export ${bundle.export.id} was already imported with other content`, bundle: summary };
  }
  const kiosk = store.kioskByPseudonym(bundle.kiosk.pseudonym);
  if (kiosk && kiosk.public_key !== bundle.kiosk.publicKey) {
    return { name, status: 'rejected', reason: 'kioskKeyMismatch', detail: `kiosk ${bundle.kiosk.pseudonym} is registered with another key (${kiosk.fingerprint})`, bundle: summary };
  }
  if (!kiosk) {
    const owner = store.kioskByKey(bundle.kiosk.publicKey);
    if (owner) return { name, status: 'rejected', reason: 'kioskKeyMismatch', detail: `this key belongs to kiosk ${owner.pseudonym}`, bundle: summary };
    const fingerprint = keyFingerprint(bundle.kiosk.publicKey);
    const decision = options.trust({ pseudonym: bundle.kiosk.pseudonym, publicKey: bundle.kiosk.publicKey, fingerprint });
    if (decision === 'ask') return { name, status: 'awaitingTrust', bundle: summary, fingerprint };
    if (decision === 'declined') return { name, status: 'rejected', reason: 'trustDeclined', detail: `kiosk ${bundle.kiosk.pseudonym} was not trusted`, bundle: summary };
    if (decision === 'reject') {
      return { name, status: 'rejected', reason: 'untrustedKiosk', detail: `unknown kiosk ${bundle.kiosk.pseudonym} (key ${fingerprint})${options.untrustedHint ?? ''}`, bundle: summary };
    }
  }
  const taken = store.bundlesOfKiosk(bundle.kiosk.pseudonym).find((b) => b.sequence === bundle.export.sequence);
  if (taken) {
    return { name, status: 'rejected', reason: 'sequenceReused', detail: `kiosk ${bundle.kiosk.pseudonym} already sent sequence ${bundle.export.sequence} as export ${taken.export_id}`, bundle: summary };
  }
  const warnings = warningsFor(store, bundle, !kiosk);
  store.addBundle(bundle, text, name, coarseDay(options.today ?? new Date()), !kiosk);
  return { name, status: 'accepted', bundle: summary, warnings };
}

function sortKey(c: Checked): [string, number, number] {
  return c.checked.ok ? [c.checked.bundle.kiosk.pseudonym, c.checked.bundle.export.sequence, c.index] : ['', 0, c.index];
}

/** Imports every source; files are checked first, then written kiosk by kiosk in sequence order. */
export function importSources(store: AnalystStore, sources: readonly ImportSource[], options: ImportOptions): ImportReport {
  const checked: Checked[] = sources.map((source, index) => ({
    index,
    source,
    checked: source.read.ok ? checkBundleBytes(source.read.bytes) : { ok: false, reason: source.read.reason, detail: source.read.detail },
  }));
  const order = [...checked].sort((a, b) => {
    const [pa, sa, ia] = sortKey(a);
    const [pb, sb, ib] = sortKey(b);
    return pa < pb ? -1 : pa > pb ? 1 : sa - sb || ia - ib;
  });
  const results: ImportFileResult[] = new Array(sources.length);
  for (const c of order) {
    try {
      results[c.index] = importOne(store, c.source.name, c.checked, options);
    } catch (error) {
      // The transaction rolled back; report it like any refusal, with the database untouched.
      results[c.index] = { name: c.source.name, status: 'rejected', reason: 'storageError', detail: error instanceof Error ? error.message : String(error) };
    }
  }
  return {
    files: results,
    accepted: results.filter((r) => r.status === 'accepted').length,
    duplicates: results.filter((r) => r.status === 'duplicate').length,
    rejected: results.filter((r) => r.status === 'rejected').length,
    pendingTrust: null,
  };
}

/**
 * Imports in the window: files of kiosks seen for the first time are held (in memory, for a
 * while) until the analyst confirms which kiosks to trust.
 */
export function createTrustQueue(store: AnalystStore, now: () => Date = () => new Date(), ttlMs = 30 * 60 * 1000) {
  const held = new Map<string, { sources: ImportSource[]; kiosks: NewKiosk[]; expires: number }>();

  function prune(): void {
    const t = now().getTime();
    for (const [token, entry] of held) if (entry.expires < t) held.delete(token);
  }

  function withHold(report: ImportReport, sources: readonly ImportSource[]): ImportReport {
    const waiting = report.files.map((f, i) => ({ f, source: sources[i] as ImportSource })).filter(({ f }) => f.status === 'awaitingTrust');
    if (waiting.length === 0) return report;
    const kiosks = new Map<string, NewKiosk>();
    for (const { f } of waiting) {
      if (f.status !== 'awaitingTrust') continue;
      const existing = kiosks.get(f.bundle.pseudonym);
      if (existing) existing.files += 1;
      else kiosks.set(f.bundle.pseudonym, { pseudonym: f.bundle.pseudonym, siteCode: f.bundle.siteCode, siteName: f.bundle.siteName, fingerprint: f.fingerprint, files: 1 });
    }
    prune();
    const token = randomBytes(16).toString('hex');
    held.set(token, { sources: waiting.map((w) => w.source), kiosks: [...kiosks.values()], expires: now().getTime() + ttlMs });
    return { ...report, pendingTrust: { token, kiosks: [...kiosks.values()] } };
  }

  return {
    /** First pass: imports what it can, holds the files of new kiosks. */
    import(sources: readonly ImportSource[], today?: Date): ImportReport {
      const report = importSources(store, sources, { trust: () => 'ask', ...(today ? { today } : {}) });
      return withHold(report, sources);
    },
    /** Second pass: trusts the listed kiosks (as shown: pseudonym and key) and imports their held files. */
    confirm(token: string, trusted: readonly string[], today?: Date): ImportReport {
      prune();
      const entry = held.get(token);
      held.delete(token);
      if (!entry) return { files: [], accepted: 0, duplicates: 0, rejected: 0, pendingTrust: null };
      const shown = new Map(entry.kiosks.map((k) => [k.pseudonym, k.fingerprint]));
      const accept = new Set(trusted);
      return importSources(store, entry.sources, {
        // Only the key that was shown may be trusted: a different one under the same name is declined.
        trust: (k) => (accept.has(k.pseudonym) && shown.get(k.pseudonym) === k.fingerprint ? 'trust' : 'declined'),
        ...(today ? { today } : {}),
      });
    },
    heldCount: () => held.size,
  };
}
