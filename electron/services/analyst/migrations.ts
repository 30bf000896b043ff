/**
 * The analyst database's own schema (a file of its own, never the kiosk's), opened through
 * the same `openDatabase` (WAL, synchronous = FULL, forward-only migrations).
 */
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
];
