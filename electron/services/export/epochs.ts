/**
 * Export epochs on the kiosk: a kiosk whose visits database is restored from a backup,
 * recovered after damage or replaced by a new one still delivers every visit exactly once.
 *
 * Two records of what was exported exist: the database's export log, and the identity file
 * (identity.ts, beside the database, written atomically), which remembers the epoch and the
 * highest sequence reserved in it. A bundle's sequence is written to the identity file when
 * it is reserved, before its bytes go to a stick (exporter.ts `onReserved`).
 *
 * The rule, checked each time the database is opened for the kiosk or `reperes export`:
 *  - m = the database's highest sequence in the identity's epoch (pending or verified);
 *    n = the identity's last sequence.
 *  - m ≥ n: the same database as before (a normal restart). Same epoch; if m > n (the identity
 *    file is a backup copy, or a crash came between the log and the file) the file catches up.
 *  - m < n: the database is behind what was issued (restored from a backup, recovered, or a new
 *    file). A new epoch opens: a random UUID, sequence 0, written to the identity file; the next
 *    bundle is sequence 1 of it, so none collides with a sequence the analysts already hold.
 *  - The database's open period is below the one the identity's epoch began with: the database
 *    predates the epoch (the same backup restored a second time, before any export of the new
 *    epoch): behind as well. Periods only grow in a database, and opening an epoch starts a
 *    new period, so a database from after the epoch began is never taken for one before it.
 *  - The identity itself was put back from a backup copy (origin `restoredFromBackup`): it may
 *    be behind what was issued too, so a new epoch opens whatever m and n say.
 *
 * Which counts of a database found behind are exported again: none of what it holds at the
 * time it is found. Its counts already in its export log were delivered (they are never
 * re-exported, in any epoch). Its other counts (its open period, and any closed period not yet
 * in its log) existed when export m + 1 was reserved by the database that was lost, and every
 * export closes the open period and exports every closed one: they were delivered in the old
 * epoch too. So they move to period 0, counted for the staff dashboard and never exported
 * (counts.ts). Visits counted after the backup and lost with the database cannot come back:
 * no copy of them exists. Visits counted from now on go to the next period and the new epoch.
 * When the database is not behind (m = n), its open period was never exported and is exported
 * as usual, in the same epoch.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../database';
import { createIdentityStore, identityFileFor, readIdentityFile, type IdentityStore } from '../identity';
import { EXPORTED_BEFORE_COUNTS } from '../counts';

export interface EpochCheck {
  epoch: string;
  /** A new epoch was opened now. */
  opened: boolean;
  /** Why: the database is behind what was issued, or the identity came back from a backup copy. */
  reason: 'databaseBehind' | 'identityRestored' | null;
  /** Visits moved to period 0 because they had been delivered under the old epoch. */
  delivered: number;
}

/** The database's highest sequence of `epoch` in its export log (0 if none). */
export function lastLoggedSequence(db: Db, epoch: string): number {
  return db.prepare('SELECT coalesce(max(sequence), 0) FROM export_log WHERE epoch = ?').pluck().get(epoch) as number;
}

/**
 * Counts not in the export log (open period and closed periods never logged) move to period 0:
 * summed into what period 0 already holds, in one transaction with the period's move on.
 */
function foldUnloggedIntoDelivered(db: Db): number {
  const unlogged = `period >= 1 AND NOT EXISTS (SELECT 1 FROM export_log e WHERE e.period = t.period AND e.questionnaire_id = t.questionnaire_id
      AND e.questionnaire_version = t.questionnaire_version AND e.questionnaire_hash = t.questionnaire_hash)`;
  const q = 'questionnaire_id, questionnaire_version, questionnaire_hash';
  const moved = db.prepare(`SELECT coalesce(sum(visits), 0) FROM visit_counts t WHERE ${unlogged}`).pluck().get() as number;
  db.prepare(
    `INSERT INTO visit_counts (period, ${q}, month, status, visits)
     SELECT ${EXPORTED_BEFORE_COUNTS}, ${q}, month, status, sum(visits) FROM visit_counts t WHERE ${unlogged} GROUP BY ${q}, month, status
     ON CONFLICT DO UPDATE SET visits = visits + excluded.visits`,
  ).run();
  db.prepare(
    `INSERT INTO cell_counts (period, ${q}, table_id, code1, code2, code3, count)
     SELECT ${EXPORTED_BEFORE_COUNTS}, ${q}, table_id, code1, code2, code3, sum(count) FROM cell_counts t WHERE ${unlogged}
     GROUP BY ${q}, table_id, code1, code2, code3
     ON CONFLICT DO UPDATE SET count = count + excluded.count`,
  ).run();
  db.prepare(`DELETE FROM visit_counts AS t WHERE ${unlogged}`).run();
  db.prepare(`DELETE FROM cell_counts AS t WHERE ${unlogged}`).run();
  return moved;
}

/** Applies the rule above; writes the identity file (atomically) when the epoch or sequence changes. */
export function checkExportEpoch(db: Db, identity: IdentityStore, options: { identityRestored?: boolean } = {}): EpochCheck {
  const { epoch, lastSequence: issued, sincePeriod } = identity.get().exports;
  const logged = lastLoggedSequence(db, epoch);
  const openPeriod = () => db.prepare('SELECT open FROM count_period WHERE id = 1').pluck().get() as number;
  const behind = logged < issued || openPeriod() < sincePeriod;
  if (!behind && !options.identityRestored) {
    if (logged > issued) identity.update((d) => void (d.exports.lastSequence = logged));
    return { epoch, opened: false, reason: null, delivered: 0 };
  }
  const next = randomUUID();
  // The file is written inside the counts' transaction: if it cannot be written, the fold is
  // rolled back and the old epoch stays (exports then fail too: `onReserved` cannot write the
  // file either); the next start tries again. Visits counted meanwhile would be taken for
  // delivered then: a disk refusing writes is shown to staff, and fixed first.
  return db.transaction((): EpochCheck => {
    const delivered = behind ? foldUnloggedIntoDelivered(db) : 0;
    // A new period for the new epoch (the previous one, if it holds visits, is exported as closed).
    db.prepare('UPDATE count_period SET open = open + 1 WHERE id = 1').run();
    const since = openPeriod();
    identity.update((d) => {
      d.exports = { epoch: next, lastSequence: 0, sincePeriod: since };
    });
    return { epoch: next, opened: true, reason: behind ? 'databaseBehind' : 'identityRestored', delivered };
  })();
}

/** The exporter's `onReserved`: the identity file remembers the highest sequence of its epoch. */
export function rememberReserved(identity: IdentityStore): (epoch: string, sequence: number) => void {
  return (epoch, sequence) => {
    const current = identity.get().exports;
    // A pending bundle of an earlier epoch, written again, changes nothing here.
    if (epoch === current.epoch && sequence > current.lastSequence) identity.update((d) => void (d.exports.lastSequence = sequence));
  };
}

/**
 * The rule for a command that adds visits (`reperes simulate`, standing in for the kiosk): applied
 * before the first visit, as the kiosk does at start, when an identity file is beside the
 * database; without one, no export was ever issued from it and there is nothing to check.
 */
export function checkExportEpochBeside(db: Db, databaseFile: string): EpochCheck | null {
  const file = identityFileFor(databaseFile);
  const read = readIdentityFile(file);
  return read.ok ? checkExportEpoch(db, createIdentityStore(file, read.data)) : null;
}

/** What the command line says when it opened a new epoch (English, as the rest of `reperes`). */
export function describeNewEpoch(check: Pick<EpochCheck, 'epoch' | 'delivered' | 'reason'>): string {
  const why =
    check.reason === 'identityRestored'
      ? 'the identity file was put back from a backup copy'
      : 'this database is behind the exports already issued (restored from a backup, recovered or new)';
  return `new export epoch ${check.epoch.slice(0, 8)}: ${why}; sequences start again at 1, and the ${check.delivered} sessions it held that were already delivered will not be exported again`;
}
