/**
 * The kiosk database's schema history. Append only: a released migration is never edited,
 * since kiosks in the field already ran it.
 */
import type Database from 'better-sqlite3';
import { moveIdentityOutOfDatabase } from './identity';
import { createCountStore, createCountTables, EXPORTED_BEFORE_COUNTS } from './counts';
import type { SessionFacts } from '../../shared/export/tables';

export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
  /** Rewrite the file afterwards (outside the transaction), so that deleted rows leave no trace in it. */
  vacuum?: boolean;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'anonymous sessions and kiosk settings',
    up(db) {
      // One row per visit. Deliberately absent: any name, contact, free text, exact time,
      // device or network identifier (docs/privacy.md). `day` is the finest date kept and
      // durations are multiples of 10 s.
      db.exec(`
        CREATE TABLE sessions (
          id INTEGER PRIMARY KEY,
          day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
          questionnaire_id TEXT NOT NULL,
          questionnaire_version TEXT NOT NULL,
          questionnaire_hash TEXT NOT NULL,
          language TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('completed', 'abandoned')),
          last_step TEXT NOT NULL,
          accompanied INTEGER NOT NULL CHECK (accompanied IN (0, 1)),
          duration_s INTEGER NOT NULL CHECK (duration_s >= 0 AND duration_s % 10 = 0),
          answers TEXT NOT NULL CHECK (json_valid(answers)),
          exercises TEXT NOT NULL CHECK (json_valid(exercises)),
          scores TEXT NOT NULL CHECK (json_valid(scores)),
          recommendations TEXT NOT NULL CHECK (json_valid(recommendations))
        ) STRICT;
        CREATE INDEX sessions_day ON sessions (day);
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL CHECK (json_valid(value))
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    description: 'staff PIN and lockout, kiosk identity, export log; session ids never reused',
    up(db) {
      // Exports cover "every session after the last exported id" (the watermark). SQLite
      // reuses the highest rowid once that row is deleted, so after retention emptied the
      // table a new visit could get an id at or below the watermark and never be exported.
      // AUTOINCREMENT forbids reuse. The table is rebuilt from its own stored definition so
      // that its columns and checks stay exactly those of version 1.
      const table = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'sessions'").get() as { sql: string };
      const indexes = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sessions' AND sql IS NOT NULL").all() as { sql: string }[];
      const rebuilt = table.sql
        .replace(/^CREATE TABLE sessions\b/, 'CREATE TABLE sessions_v2')
        .replace(/\bid INTEGER PRIMARY KEY\b/, 'id INTEGER PRIMARY KEY AUTOINCREMENT');
      if (!rebuilt.includes('sessions_v2') || !rebuilt.includes('AUTOINCREMENT')) throw new Error('migration 2: unexpected sessions definition');
      db.exec(rebuilt);
      db.exec('INSERT INTO sessions_v2 SELECT * FROM sessions');
      db.exec('DROP TABLE sessions');
      db.exec('ALTER TABLE sessions_v2 RENAME TO sessions');
      for (const index of indexes) db.exec(index.sql);

      db.exec(`
        -- One row: the staff PIN (scrypt, random salt) and the lockout state, kept here so
        -- that restarting the kiosk does not reset the count of wrong PINs.
        CREATE TABLE staff_auth (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          pin_hash TEXT,
          pin_salt TEXT,
          pin_params TEXT CHECK (pin_params IS NULL OR json_valid(pin_params)),
          failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
          locked_until_ms INTEGER NOT NULL DEFAULT 0
        ) STRICT;
        INSERT INTO staff_auth (id) VALUES (1);

        -- One row, created at first start: the kiosk's random pseudonym and its Ed25519 key
        -- pair (DER, base64) that signs every export.
        CREATE TABLE kiosk_identity (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          pseudonym TEXT NOT NULL,
          public_key TEXT NOT NULL,
          private_key TEXT NOT NULL,
          created_day TEXT NOT NULL
        ) STRICT;

        -- One row per export bundle, with its exact bytes so that it can be re-issued
        -- identically. A bundle is written 'pending' first; it becomes 'verified' (and moves
        -- the watermark) only once read back from the staff's folder with a matching hash.
        CREATE TABLE export_log (
          sequence INTEGER PRIMARY KEY CHECK (sequence >= 1),
          export_id TEXT NOT NULL UNIQUE,
          created_day TEXT NOT NULL,
          first_session_id INTEGER NOT NULL,
          last_session_id INTEGER NOT NULL CHECK (last_session_id >= first_session_id),
          session_count INTEGER NOT NULL CHECK (session_count >= 1),
          sha256 TEXT NOT NULL,
          file_name TEXT NOT NULL,
          bundle BLOB NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('pending', 'verified')),
          verified_day TEXT
        ) STRICT;
      `);
    },
  },
  {
    version: 3,
    description: 'alerts for staff that outlive a restart (a damaged database moved aside)',
    up(db) {
      db.exec(`
        CREATE TABLE kiosk_alerts (
          id INTEGER PRIMARY KEY,
          day TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('databaseRecovered')),
          detail TEXT NOT NULL CHECK (json_valid(detail))
        ) STRICT;
      `);
    },
  },
  {
    version: 4,
    description: 'identity and staff PIN moved to their own file; installation mirror; configuration packs',
    up(db) {
      // The kiosk's identity and PIN now live in `<database>.identity.json` (identity.ts), so
      // that a damaged visits database neither reopens the staff area nor makes a new kiosk.
      // The file is written (and fsynced) before the tables are dropped; if this transaction
      // then fails, the next start finds the file whole and keeps it.
      moveIdentityOutOfDatabase(db);
      db.exec(`
        DROP TABLE kiosk_identity;
        DROP TABLE staff_auth;
        -- One row: the installation part of the identity file (pseudonym, recovery code hash,
        -- trusted pack key, last pack applied), so that losing the file alone keeps the
        -- recovery code working and old packs refused.
        CREATE TABLE kiosk_installation (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          pseudonym TEXT NOT NULL,
          recovery_code TEXT CHECK (recovery_code IS NULL OR json_valid(recovery_code)),
          trusted_pack_key TEXT,
          last_pack_sequence INTEGER NOT NULL DEFAULT 0 CHECK (last_pack_sequence >= 0)
        ) STRICT;

        -- Configuration packs applied on this kiosk (electron/services/pack/kiosk-packs.ts), as a
        -- stack: the 'current' one, the 'previous' ones a rollback returns to, and those rolled
        -- back. settings_before holds the whole settings just before the pack was applied.
        CREATE TABLE config_packs (
          id INTEGER PRIMARY KEY,
          sequence INTEGER NOT NULL CHECK (sequence >= 1),
          sha256 TEXT NOT NULL,
          applied_day TEXT NOT NULL,
          summary TEXT NOT NULL CHECK (json_valid(summary)),
          settings_before TEXT NOT NULL CHECK (json_valid(settings_before)),
          status TEXT NOT NULL CHECK (status IN ('current', 'previous', 'rolledBack'))
        ) STRICT;
        CREATE UNIQUE INDEX config_packs_one_current ON config_packs (status) WHERE status = 'current';
      `);
    },
  },
  {
    version: 5,
    description: 'counts, not visits: sessions folded into the declared tables\' counts, then deleted',
    vacuum: true,
    up(db) {
      // Issue 13: a row per visit (day, commune, age band, answers) singles people out. The
      // kiosk keeps only the counts the export declares (counts.ts). Rows an export already
      // reserved (pending or verified) go to period 0, counted for the dashboard and never
      // exported again; the others to period 1, the first open period.
      createCountTables(db);
      const counts = createCountStore(db);
      const reserved = (db.prepare('SELECT coalesce(max(last_session_id), 0) FROM export_log').pluck().get() as number) ?? 0;
      const rows = db.prepare('SELECT * FROM sessions ORDER BY id').all() as {
        id: number;
        day: string;
        questionnaire_id: string;
        questionnaire_version: string;
        questionnaire_hash: string;
        language: string;
        status: 'completed' | 'abandoned';
        last_step: string;
        answers: string;
        exercises: string;
        scores: string;
        recommendations: string;
      }[];
      for (const row of rows) {
        const visit: SessionFacts = {
          day: row.day,
          language: row.language,
          status: row.status,
          lastStep: row.last_step,
          answers: JSON.parse(row.answers) as SessionFacts['answers'],
          exercises: JSON.parse(row.exercises) as SessionFacts['exercises'],
          scores: JSON.parse(row.scores) as SessionFacts['scores'],
          recommendations: JSON.parse(row.recommendations) as SessionFacts['recommendations'],
        };
        const questionnaire = { id: row.questionnaire_id, version: row.questionnaire_version, hash: row.questionnaire_hash };
        counts.add(questionnaire, visit, row.id <= reserved ? EXPORTED_BEFORE_COUNTS : 1);
      }
      // The export log no longer names session ids; bundles are per period and questionnaire,
      // and sequences run per export epoch (the identity file's, '' before epochs).
      db.exec(`
        CREATE TABLE export_log_v5 (
          epoch TEXT NOT NULL DEFAULT '',
          sequence INTEGER NOT NULL CHECK (sequence >= 1),
          export_id TEXT NOT NULL UNIQUE,
          created_day TEXT NOT NULL,
          period INTEGER CHECK (period IS NULL OR period >= 1),
          questionnaire_id TEXT,
          questionnaire_version TEXT,
          questionnaire_hash TEXT,
          session_count INTEGER NOT NULL CHECK (session_count >= 1),
          sha256 TEXT NOT NULL,
          file_name TEXT NOT NULL,
          bundle BLOB NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('pending', 'verified')),
          verified_day TEXT,
          PRIMARY KEY (epoch, sequence),
          UNIQUE (period, questionnaire_id, questionnaire_version, questionnaire_hash)
        ) STRICT;
        INSERT INTO export_log_v5 (epoch, sequence, export_id, created_day, session_count, sha256, file_name, bundle, status, verified_day)
          SELECT '', sequence, export_id, created_day, session_count, sha256, file_name, bundle, status, verified_day FROM export_log;
        DROP TABLE export_log;
        ALTER TABLE export_log_v5 RENAME TO export_log;
      `);
      // Overwritten on disk, not only unlinked from the b-tree; VACUUM then rewrites the file.
      db.pragma('secure_delete = ON');
      db.exec('DROP TABLE sessions');
    },
  },
];
