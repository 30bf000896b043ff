/**
 * Importing bundles into the analyst database, one transaction per file.
 *
 * Order of the decisions for one file (each refusal leaves the database untouched, because
 * nothing is written before the single `addBundle` transaction):
 *  1. the file's own checks (bundle-file.ts): size, UTF-8, depth, duplicate and forbidden keys,
 *     format, version, schema, SHA-256, Ed25519 signature by `kiosk.publicKey`;
 *  2. what its figures claim (guards.ts): dates within the plausible window, tables consistent
 *     with the visit count and with one another, the visit count within its cap;
 *  3. export id already imported: same SHA-256 → "duplicate" (nothing changes), otherwise
 *     → rejected `exportIdConflict`;
 *  4. another questionnaire id than the database's → rejected `otherQuestionnaire` (bundles of
 *     different questionnaires are never summed; versions of one are: see the table contract);
 *  5. the kiosk, by the bytes of its key: a known pseudonym with another key, or a known key
 *     under another pseudonym → rejected `kioskKeyMismatch`; an unknown kiosk is registered
 *     only if the trust policy says so (command line `--trust-new`, or the analyst's
 *     confirmation in the window), else rejected `untrustedKiosk` (or held, in the window,
 *     until confirmed);
 *  6. the same kiosk, epoch and sequence number under another export id → rejected
 *     `sequenceReused`; a kiosk restored from a backup starts a new epoch instead;
 *  7. the database's cap on visits → rejected `databaseLimit`;
 *  8. accepted, with warnings: `newKiosk`, `newEpoch` (a known kiosk starts a new series: its
 *     database was restored or recovered), `sequenceGap` (sequences of this epoch missing
 *     before this one), `periodOverlap` (an earlier export of this epoch ends after this one
 *     starts, or a later one starts before it ends; sharing the boundary month is normal,
 *     exports cut by session and not by month), `newQuestionnaireVersion`.
 *
 * Within one import, files are processed by kiosk, epoch and sequence, so a batch given in any
 * order reports gaps only where a sequence is really missing; the report keeps the given order.
 */
import { describeMissing, missingSequences } from './sequences';
import { randomBytes } from 'node:crypto';
import { epochLabel, epochOf, type Bundle } from '../../../shared/export/bundle';
import type { ImportFileResult, ImportReport, ImportWarningItem, NewKiosk } from '../../../shared/analyst/types';
import { sameKey } from '../../../shared/key-fingerprint';
import { keyFingerprint } from '../key-fingerprint';
import { coarseDay } from '../../../shared/session/day';
import { checkBundleBytes, type CheckedBundle } from './bundle-file';
import { checkBundleSize, checkDatabaseRoom, checkDates, checkTables, DEFAULT_LIMITS, type ImportLimits } from './guards';
import { summarize, type AnalystStore } from './store';

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
  /** Caps on visits (tests lower them); DEFAULT_LIMITS otherwise. */
  limits?: ImportLimits;
}

interface Checked {
  index: number;
  source: ImportSource;
  checked: CheckedBundle;
}

function warningsFor(store: AnalystStore, bundle: Bundle, newKiosk: boolean): ImportWarningItem[] {
  const warnings: ImportWarningItem[] = [];
  const e = bundle.export;
  const epoch = epochOf(bundle);
  if (newKiosk) warnings.push({ code: 'newKiosk', detail: { pseudonym: bundle.kiosk.pseudonym, fingerprint: keyFingerprint(bundle.kiosk.publicKey) } });
  const others = store.bundlesOfEpoch(bundle.kiosk.pseudonym, epoch);
  if (!newKiosk && others.length === 0) {
    const earlier = store.bundlesOfKiosk(bundle.kiosk.pseudonym);
    const epochs = new Set(earlier.map((b) => b.epoch));
    warnings.push({ code: 'newEpoch', detail: { pseudonym: bundle.kiosk.pseudonym, epoch: epochLabel(epoch), epochs: epochs.size + 1, exports: earlier.length } });
  }
  const sequences = new Set(others.map((b) => b.sequence));
  const missing = missingSequences(sequences, e.sequence);
  if (missing.count > 0) warnings.push({ code: 'sequenceGap', detail: { missing: describeMissing(missing), sequence: e.sequence, epoch: epochLabel(epoch) } });
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
  const limits = options.limits ?? DEFAULT_LIMITS;
  const today = options.today ?? new Date();
  const implausible = checkDates(bundle, today) ?? checkBundleSize(bundle, limits) ?? checkTables(bundle);
  if (implausible) return { name, status: 'rejected', ...implausible, bundle: summary };
  const known = store.bundleById(bundle.export.id);
  if (known) {
    if (known.sha256 === bundle.integrity.sha256) return { name, status: 'duplicate', bundle: summary };
    return { name, status: 'rejected', reason: 'exportIdConflict', detail: `export ${bundle.export.id} was already imported with other content`, bundle: summary };
  }
  const counted = store.questionnaireId();
  if (counted !== null && counted !== bundle.questionnaire.id) {
    return { name, status: 'rejected', reason: 'otherQuestionnaire', detail: `this database counts questionnaire "${counted}", this export answers "${bundle.questionnaire.id}"`, bundle: summary };
  }
  const kiosk = store.kioskByPseudonym(bundle.kiosk.pseudonym);
  if (kiosk && !sameKey(kiosk.public_key, bundle.kiosk.publicKey)) {
    return { name, status: 'rejected', reason: 'kioskKeyMismatch', detail: `kiosk ${bundle.kiosk.pseudonym} is registered with another key (${keyFingerprint(kiosk.public_key)})`, bundle: summary };
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
  const epoch = epochOf(bundle);
  const taken = store.bundlesOfEpoch(bundle.kiosk.pseudonym, epoch).find((b) => b.sequence === bundle.export.sequence);
  if (taken) {
    const where = epoch === '' ? '' : ` in epoch ${epochLabel(epoch)}`;
    return { name, status: 'rejected', reason: 'sequenceReused', detail: `kiosk ${bundle.kiosk.pseudonym} already sent sequence ${bundle.export.sequence}${where} as export ${taken.export_id}`, bundle: summary };
  }
  const full = checkDatabaseRoom(bundle, store.sessionsStored(), limits);
  if (full) return { name, status: 'rejected', ...full, bundle: summary };
  const warnings = warningsFor(store, bundle, !kiosk);
  store.addBundle(bundle, text, name, coarseDay(today), !kiosk);
  return { name, status: 'accepted', bundle: summary, warnings };
}

/**
 * Kiosk, then epoch (the legacy one first, then by the earliest creation day of its files in
 * this batch: the order they happened in), then sequence; unreadable files first.
 */
function batchOrder(checked: readonly Checked[]): Checked[] {
  const epochStart = new Map<string, string>();
  const epochKey = (b: Bundle) => `${b.kiosk.pseudonym}\u0000${epochOf(b)}`;
  for (const c of checked) {
    if (!c.checked.ok) continue;
    const b = c.checked.bundle;
    const key = epochKey(b);
    const day = epochOf(b) === '' ? '' : b.export.created;
    const known = epochStart.get(key);
    if (known === undefined || day < known) epochStart.set(key, day);
  }
  const sortKey = (c: Checked): string[] => {
    if (!c.checked.ok) return [];
    const b = c.checked.bundle;
    return [b.kiosk.pseudonym, epochStart.get(epochKey(b)) as string, epochOf(b)];
  };
  const compare = (a: readonly string[], b: readonly string[]) => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const x = a[i] ?? '';
      const y = b[i] ?? '';
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  const sequence = (c: Checked) => (c.checked.ok ? c.checked.bundle.export.sequence : 0);
  return [...checked].sort((a, b) => compare(sortKey(a), sortKey(b)) || sequence(a) - sequence(b) || a.index - b.index);
}

/** Imports every source; files are checked first, then written kiosk by kiosk and epoch by epoch, in sequence order. */
export function importSources(store: AnalystStore, sources: readonly ImportSource[], options: ImportOptions): ImportReport {
  const checked: Checked[] = sources.map((source, index) => ({
    index,
    source,
    checked: source.read.ok ? checkBundleBytes(source.read.bytes) : { ok: false, reason: source.read.reason, detail: source.read.detail },
  }));
  const order = batchOrder(checked);
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
