/**
 * The kiosk's main-process services, assembled from plain modules: the database in the
 * user-data folder, settings, the session repository, and the IPC handlers over them.
 * Used by Electron's main.ts, by the browser harness of the tests and by `npm run preview`,
 * which is why nothing here imports `electron`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers, KioskSetup } from '../../shared/ipc/contract';
import { currentQuestionnaire } from '../../shared/questionnaire/current';
import { openDatabase, type Db } from './database';
import { createSessionRepository, type SessionRepository } from './sessions';
import { createSettingsStore, type SettingsStore } from './settings';

export const KIOSK_DATABASE_FILE = 'reperes-kiosk.db';

export interface KioskServices {
  db: Db;
  settings: SettingsStore;
  sessions: SessionRepository;
  handlers: Handlers;
  close(): void;
}

export interface KioskServiceOptions {
  userDataDir: string;
  mode: 'kiosk';
  /** Clock for the stored day; injectable for tests. */
  now?: () => Date;
}

export function createKioskServices(options: KioskServiceOptions): KioskServices {
  mkdirSync(options.userDataDir, { recursive: true });
  const db = openDatabase(join(options.userDataDir, KIOSK_DATABASE_FILE));
  const settings = createSettingsStore(db);
  const sessions = createSessionRepository(db, currentQuestionnaire.definition, () => settings.get().directory);
  const now = options.now ?? (() => new Date());

  const handlers: Handlers = {
    'kiosk:get-setup': (): KioskSetup => {
      const s = settings.get();
      return {
        siteCode: s.siteCode,
        siteName: s.siteName,
        enabledLanguages: s.enabledLanguages,
        idleDelayS: s.idleDelayS,
        warningDelayS: s.warningDelayS,
        directory: s.directory,
      };
    },
    'session:save': (record) => {
      sessions.save(record, now());
      return { saved: true };
    },
  };

  return {
    db,
    settings,
    sessions,
    handlers,
    close: () => db.close(),
  };
}
