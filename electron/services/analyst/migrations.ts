/**
 * The analyst database's own schema (a file of its own, never the kiosk's), opened through
 * the same `openDatabase` (WAL, synchronous = FULL, forward-only migrations).
 */
import { canonicalKey } from '../../../shared/key-fingerprint';
import type { Migration } from '../migrations';

export const ANALYST_DATABASE_FILE = 'reperes-analyste.db';

export const ANALYST_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'analyst: trusted kiosks, imported bundles and their cells, questionnaire versions',
    up(db) {
      db.exec(`
        -- Kiosks registered by public key at their first import (trust on first use).
        CREATE TABLE kiosks (
          pseudonym TEXT PRIMARY KEY,
          public_key TEXT NOT NULL UNIQUE,
          fingerprint TEXT NOT NULL,
          first_import_day TEXT NOT NULL
        ) STRICT;

        -- One row per accepted bundle, with the exact text that was verified.
        CREATE TABLE bundles (
          export_id TEXT PRIMARY KEY,
          pseudonym TEXT NOT NULL REFERENCES kiosks(pseudonym),
          sequence INTEGER NOT NULL,
          sha256 TEXT NOT NULL,
          site_code TEXT NOT NULL,
          site_name TEXT NOT NULL,
          questionnaire_id TEXT NOT NULL,
          questionnaire_version TEXT NOT NULL,
          questionnaire_hash TEXT NOT NULL,
          period_from TEXT NOT NULL,
          period_to TEXT NOT NULL,
          sessions INTEGER NOT NULL,
          created_day TEXT NOT NULL,
          imported_day TEXT NOT NULL,
          file_name TEXT NOT NULL,
          bundle_text TEXT NOT NULL,
          UNIQUE (pseudonym, sequence)
        ) STRICT;

        -- The bundle's cells: table, up to three codes, count.
        CREATE TABLE cells (
          export_id TEXT NOT NULL REFERENCES bundles(export_id),
          table_id TEXT NOT NULL,
          c1 TEXT NOT NULL,
          c2 TEXT NOT NULL DEFAULT '',
          c3 TEXT NOT NULL DEFAULT '',
          count INTEGER NOT NULL CHECK (count > 0),
          PRIMARY KEY (export_id, table_id, c1, c2, c3)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX cells_by_table ON cells (table_id, export_id);

        -- Questionnaire versions seen in imports.
        CREATE TABLE questionnaire_versions (
          id TEXT NOT NULL,
          version TEXT NOT NULL,
          hash TEXT NOT NULL,
          first_import_day TEXT NOT NULL,
          PRIMARY KEY (id, version, hash)
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    description: 'analyst: export epochs (sequences per kiosk and epoch), kiosk keys kept as their canonical base64',
    up(db) {
      // Sequences now run per (kiosk, epoch): UNIQUE (pseudonym, sequence) becomes
      // UNIQUE (pseudonym, epoch, sequence). SQLite cannot drop a constraint, so bundles is
      // rebuilt; cells is rebuilt with it (child first), so that no foreign key ever points
      // to a dropped table. Every bundle imported so far belongs to the legacy epoch ''.
      db.exec(`
        CREATE TABLE bundles_v2 (
          export_id TEXT PRIMARY KEY,
          pseudonym TEXT NOT NULL REFERENCES kiosks(pseudonym),
          epoch TEXT NOT NULL DEFAULT '',
          sequence INTEGER NOT NULL,
          sha256 TEXT NOT NULL,
          site_code TEXT NOT NULL,
          site_name TEXT NOT NULL,
          questionnaire_id TEXT NOT NULL,
          questionnaire_version TEXT NOT NULL,
          questionnaire_hash TEXT NOT NULL,
          period_from TEXT NOT NULL,
          period_to TEXT NOT NULL,
          sessions INTEGER NOT NULL,
          created_day TEXT NOT NULL,
          imported_day TEXT NOT NULL,
          file_name TEXT NOT NULL,
          bundle_text TEXT NOT NULL,
          UNIQUE (pseudonym, epoch, sequence)
        ) STRICT;
        INSERT INTO bundles_v2 (export_id, pseudonym, epoch, sequence, sha256, site_code, site_name, questionnaire_id,
            questionnaire_version, questionnaire_hash, period_from, period_to, sessions, created_day, imported_day, file_name, bundle_text)
          SELECT export_id, pseudonym, '', sequence, sha256, site_code, site_name, questionnaire_id,
            questionnaire_version, questionnaire_hash, period_from, period_to, sessions, created_day, imported_day, file_name, bundle_text
          FROM bundles;
        CREATE TABLE cells_v2 (
          export_id TEXT NOT NULL REFERENCES bundles_v2(export_id),
          table_id TEXT NOT NULL,
          c1 TEXT NOT NULL,
          c2 TEXT NOT NULL DEFAULT '',
          c3 TEXT NOT NULL DEFAULT '',
          count INTEGER NOT NULL CHECK (count > 0),
          PRIMARY KEY (export_id, table_id, c1, c2, c3)
        ) STRICT, WITHOUT ROWID;
        INSERT INTO cells_v2 SELECT export_id, table_id, c1, c2, c3, count FROM cells;
        DROP TABLE cells;
        DROP TABLE bundles;
        ALTER TABLE bundles_v2 RENAME TO bundles;
        ALTER TABLE cells_v2 RENAME TO cells;
        CREATE INDEX cells_by_table ON cells (table_id, export_id);
        CREATE INDEX bundles_by_questionnaire ON bundles (questionnaire_id);
      `);
      // Keys were stored as the text of the kiosk's first bundle; one key has several base64
      // spellings (with or without padding). Keep the one spelling that lookups now use.
      const kiosks = db.prepare('SELECT pseudonym, public_key FROM kiosks').all() as { pseudonym: string; public_key: string }[];
      const taken = new Set(kiosks.map((k) => k.public_key));
      const update = db.prepare('UPDATE kiosks SET public_key = ? WHERE pseudonym = ?');
      for (const kiosk of kiosks) {
        const canonical = canonicalKey(kiosk.public_key);
        // Two kiosks registered with two spellings of one key (possible before this version)
        // keep their texts: both stay listed, and the analyst can remove one (reperes remove).
        if (canonical === null || canonical === kiosk.public_key || taken.has(canonical)) continue;
        update.run(canonical, kiosk.pseudonym);
        taken.add(canonical);
      }
    },
  },
  {
    version: 3,
    description: "analyst: each bundle's kiosk health kept apart from its text, and the analyst's settings (days before a kiosk without export is flagged)",
    up(db) {
      // The health part is optional: bundles imported before (or written without it) keep NULL.
      db.exec(`
        ALTER TABLE bundles ADD COLUMN health TEXT CHECK (health IS NULL OR json_valid(health));
        UPDATE bundles SET health = json_extract(bundle_text, '$.health')
          WHERE json_valid(bundle_text) AND json_type(bundle_text, '$.health') = 'object';
        CREATE TABLE analyst_settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL CHECK (json_valid(value))
        ) STRICT;
      `);
    },
  },
];
