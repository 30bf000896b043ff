/**
 * The kiosk database's schema history. Append only: a released migration is never edited,
 * since kiosks in the field already ran it.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'anonymous sessions and kiosk settings',
    up(db) {
      // One row per visit. Deliberately absent: any name, contact, free text, exact time,
      // device or network identifier (DOMAIN.md §5). `day` is the finest date kept and
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
];
