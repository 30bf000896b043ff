/**
 * Data retention: a session older than the retention setting is deleted, but only once a
 * verified export covers it, so that no visit disappears before the analysts received it.
 * Deleted rows are overwritten on disk (secure_delete) and the WAL is truncated, so that
 * nothing of them remains readable in the database files.
 */
import type { Db } from './database';

/** The first day still kept: `today` minus `months` months (clamped to the month's length). */
export function retentionCutoff(today: Date, months: number): string {
  const totalMonths = today.getFullYear() * 12 + today.getMonth() - months;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths % 12;
  const lastDay = new Date(year, month + 1, 0).getDate();
  const day = Math.min(today.getDate(), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function applyRetention(db: Db, options: { today: Date; retentionMonths: number }): { deleted: number; cutoff: string } {
  const cutoff = retentionCutoff(options.today, options.retentionMonths);
  db.pragma('secure_delete = ON');
  const { changes } = db
    .prepare(
      `DELETE FROM sessions
       WHERE day < ?
         AND EXISTS (SELECT 1 FROM export_log e
                     WHERE e.status = 'verified' AND sessions.id BETWEEN e.first_session_id AND e.last_session_id)`,
    )
    .run(cutoff);
  if (changes > 0) db.pragma('wal_checkpoint(TRUNCATE)');
  return { deleted: changes, cutoff };
}
