/**
 * The analyst mode's main-process services: its own database file in the user-data folder
 * (never the kiosk's), the import pipeline, the dashboard and the publication, and the IPC
 * handlers over them. Like the kiosk's services, nothing here imports `electron`: the file
 * and folder pickers and the browser engine that renders PNG and PDF are injected, so the
 * tests and the browser harness run the very same code.
 */
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { computeAnalystDashboard } from '../../../shared/analyst/dashboard';
import type { ImportReport } from '../../../shared/analyst/types';
import { ANALYST_CHANNELS, MAX_BUNDLE_BYTES, isAnalystChannel, type AnalystHandlers } from '../../../shared/ipc/analyst-channels';
import type { Handlers, IpcResponse } from '../../../shared/ipc/contract';
import { openDatabase, type Db } from '../database';
import { dispatch, type DispatchOptions } from '../dispatch';
import { readLimited } from './bundle-file';
import { createTrustQueue, type ImportSource } from './importer';
import { ANALYST_DATABASE_FILE, ANALYST_MIGRATIONS } from './migrations';
import { writePublication, type PublicationRenderer } from './publish';
import { createAnalystStore, type AnalystStore } from './store';
import { createAnalystPacks } from '../pack/analyst-packs';

export interface AnalystServiceOptions {
  userDataDir: string;
  now?: () => Date;
  /** Asks for bundle files (Electron: dialog.showOpenDialog with multiSelections); null when cancelled. */
  chooseBundleFiles?: () => Promise<string[] | null>;
  /** Asks for the publication folder (Electron: dialog.showOpenDialog with openDirectory, createDirectory); null when cancelled. */
  choosePublishFolder?: () => Promise<string | null>;
  /** Renders PNG and PDF (Electron: an offscreen window's capturePage and webContents.printToPDF). */
  renderer?: PublicationRenderer;
  /** Asks for a places file in the national format (Electron: dialog.showOpenDialog, CSV); null when cancelled. */
  choosePlacesFile?: () => Promise<string | null>;
  /** Packs carry the places' recordings when this machine can make them (default true; tests: false). */
  recordPlaceAudio?: boolean;
}

export interface AnalystServices {
  db: Db;
  store: AnalystStore;
  handlers: AnalystHandlers;
  close(): void;
}

const EMPTY_REPORT: ImportReport = { files: [], accepted: 0, duplicates: 0, rejected: 0, pendingTrust: null };

export function openAnalystDatabase(file: string): Db {
  return openDatabase(file, ANALYST_MIGRATIONS);
}

export function createAnalystServices(options: AnalystServiceOptions): AnalystServices {
  mkdirSync(options.userDataDir, { recursive: true });
  const db = openAnalystDatabase(join(options.userDataDir, ANALYST_DATABASE_FILE));
  const now = options.now ?? (() => new Date());
  const store = createAnalystStore(db);
  const trust = createTrustQueue(store, now);
  const packs = createAnalystPacks({
    userDataDir: options.userDataDir,
    now,
    ...(options.choosePlacesFile ? { choosePlacesFile: options.choosePlacesFile } : {}),
    ...(options.choosePublishFolder ? { chooseFolder: options.choosePublishFolder } : {}),
    ...(options.recordPlaceAudio === false ? { recordPlaceAudio: false } : {}),
  });

  const handlers: AnalystHandlers = {
    'analyst:overview': () => store.overview(now()),
    'analyst:set-overdue-days': ({ days }) => ({ overdueAfterDays: store.setOverdueAfterDays(days) }),
    'analyst:dashboard': ({ filters, k }) => {
      const byMonth = store.sumTables(filters, false);
      const periodSet = filters.from !== null || filters.to !== null;
      const whole = periodSet ? store.sumTables(filters, true) : byMonth;
      return computeAnalystDashboard(
        { byMonth: byMonth.tables, wholeExports: whole.tables, bundles: byMonth.bundles, kiosks: byMonth.kiosks, straddling: store.straddling(filters), leftOut: { ...byMonth.leftOut, ...whole.leftOut } },
        filters,
        k,
      );
    },
    'analyst:pick-and-import': async () => {
      if (!options.chooseBundleFiles) return EMPTY_REPORT;
      const paths = await options.chooseBundleFiles();
      if (!paths || paths.length === 0) return EMPTY_REPORT;
      const sources: ImportSource[] = [];
      for (const path of paths) sources.push({ name: basename(path), read: await readLimited(path) });
      return trust.import(sources, now());
    },
    'analyst:import-files': ({ files }) => {
      const sources: ImportSource[] = files.map((file) => {
        if (!('base64' in file)) {
          return { name: file.name, read: file.size > MAX_BUNDLE_BYTES ? { ok: false, reason: 'tooLarge', detail: `${file.size} bytes, the limit is ${MAX_BUNDLE_BYTES}` } : { ok: false, reason: 'readError', detail: 'the file was not read' } };
        }
        // Size first, from the base64 length, before decoding anything.
        const size = Math.floor((file.base64.length * 3) / 4) - (file.base64.endsWith('==') ? 2 : file.base64.endsWith('=') ? 1 : 0);
        if (size > MAX_BUNDLE_BYTES) return { name: file.name, read: { ok: false, reason: 'tooLarge', detail: `${size} bytes, the limit is ${MAX_BUNDLE_BYTES}` } };
        return { name: file.name, read: { ok: true, bytes: new Uint8Array(Buffer.from(file.base64, 'base64')) } };
      });
      return trust.import(sources, now());
    },
    'analyst:confirm-trust': ({ token, trust: pseudonyms }) => trust.confirm(token, pseudonyms, now()),
    'analyst:remove': (target) => ({ removed: 'kiosk' in target ? store.removeKiosk(target.kiosk) : store.removeBundle(target.bundle.toLowerCase()) }),
    'analyst:pack-status': () => packs.status(),
    'analyst:pack-make': (payload) => packs.make(payload),
    'analyst:publish': async ({ k }) => {
      if (!options.choosePublishFolder) return { ok: false, reason: 'noFolderPicker', files: [] };
      const folder = await options.choosePublishFolder();
      if (folder === null) return { ok: false, reason: 'cancelled', files: [] };
      return writePublication({ store, k, folder, renderer: options.renderer ?? null, now: now() });
    },
  };

  return { db, store, handlers, close: () => db.close() };
}

/**
 * One IPC call in analyst mode: only the analyst channels exist there; each goes through the
 * same gate as the kiosk's (`dispatch`: sender, `__proto__`, payload schema, error codes).
 */
export function dispatchAnalyst(handlers: AnalystHandlers, trustedSender: boolean, channel: unknown, payload: unknown, options: DispatchOptions = {}): Promise<IpcResponse<unknown>> {
  if (!trustedSender) return Promise.resolve({ ok: false, error: { code: 'untrustedSender' } });
  if (!isAnalystChannel(channel)) return Promise.resolve({ ok: false, error: { code: 'unknownChannel' } });
  // `dispatch` looks up only `channel`, which is an analyst channel here.
  return dispatch(handlers as unknown as Handlers, true, channel, payload, options);
}

/** What `registerAnalystIpc` needs of Electron's `ipcMain` (structural, so this file never imports Electron). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame?: { url: string } | null }, payload: unknown) => unknown): void;
}

/**
 * Registers the analyst channels (and only them) for the analyst window, with the sender check
 * the kiosk uses: `registerAnalystIpc(ipcMain, services.handlers, isTrustedSenderUrl)`.
 */
export function registerAnalystIpc(ipcMain: IpcMainLike, handlers: AnalystHandlers, isTrustedSenderUrl: (url: string) => boolean, options: DispatchOptions = {}): void {
  for (const channel of ANALYST_CHANNELS) {
    ipcMain.handle(channel, (event, payload) => dispatchAnalyst(handlers, isTrustedSenderUrl(event.senderFrame?.url ?? ''), channel, payload, options));
  }
}
