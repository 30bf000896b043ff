/**
 * The kiosk's log (electron/services/log.ts): rotation keeps the files bounded, the
 * allow-list drops anything that could be a person's data, and the services log the events
 * staff and support need (a recovered database, a failed export, a wrong PIN…) without ever
 * writing a PIN, an answer code or a path outside the user-data folder.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { nodeExportFs, type ExportFs } from '../../electron/services/export/files';
import { createKioskServices, KIOSK_DATABASE_FILE } from '../../electron/services/kiosk';
import {
  createLogger,
  errorDetails,
  LOG_FILE,
  LOG_FILE_SIZE,
  LOG_MAX_ROTATED,
  logFiles,
  parseLogLine,
  sanitize,
  scrubMessage,
} from '../../electron/services/log';
import type { LogEntry } from '../../shared/staff/types';
import { completedRecord } from '../fixtures/records';
import { cleanupKiosks, FAST_SCRYPT, FAST_TMP, testKiosk } from './export-fixtures';

const PIN = '246810';
const WRONG_PIN = '135790';
const dirs: string[] = [];
afterEach(cleanupKiosks);
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(FAST_TMP, 'reperes-logs-'));
  dirs.push(dir);
  return dir;
}

/** Every byte of every log file in `dir`. */
function allLogText(dir: string): string {
  return logFiles(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('');
}

/** What must never be in a log line. */
function expectNoPersonalData(text: string, userDataDir?: string): void {
  for (const secret of [PIN, WRONG_PIN, 'A60_74', 'C59122', 'EVERY_WEEK', 'Jean Dupont']) expect(text).not.toContain(secret);
  if (userDataDir) expect(text).not.toContain(userDataDir);
}

describe('rotation', () => {
  it('is bounded by default to 7 files of about 1 MB', () => {
    expect(LOG_FILE_SIZE).toBe('1M');
    expect(LOG_MAX_ROTATED + 1).toBe(7);
  });

  it('keeps at most maxRotated + 1 files of about the rotation size, the newest lines last', async () => {
    const dir = tempDir();
    const log = createLogger({ dir, fileSize: '1K', maxRotated: 3, daily: false });
    for (let i = 0; i < 600; i++) log.info('export.written', { sequence: i + 1, sessions: 12, fileName: 'reperes-K-ABCDE-FGHJK-000001.json' });
    await log.flush();
    const newest = await log.recent(2);
    expect(newest.map((e) => e.details['sequence'])).toEqual([600, 599]);
    await log.close();

    const files = logFiles(dir);
    expect(files.at(-1)).toBe(LOG_FILE);
    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(4);
    const lineMax = 200;
    for (const name of files) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(1024 + lineMax);
    // Only log files and the rotation history: nothing else grows in the folder.
    expect(readdirSync(dir).filter((n) => !files.includes(n))).toEqual(['rotations.txt']);
    // Every line in every file parses back.
    const lines = allLogText(dir).split('\n').filter(Boolean);
    expect(lines.every((line) => parseLogLine(line) !== null)).toBe(true);
  });

  it('never throws when the folder cannot be written, and keeps the last lines in memory', async () => {
    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const log = createLogger({ dir: join(blocker, 'logs'), daily: false });
    expect(() => log.warn('backup.failed', { code: 'ENOTDIR' })).not.toThrow();
    await log.flush();
    expect((await log.recent(5)).map((e) => e.event)).toEqual(['backup.failed']);
    await log.close();
  });
});

describe('sanitize', () => {
  const userDataDir = '/home/jean.dupont/.config/Repères';

  it('keeps allow-listed fields and drops a planted answer, PIN and free text', () => {
    const details = sanitize(
      {
        sequence: 3,
        reason: 'noSpace',
        fileName: 'reperes-K-ABCDE-FGHJK-000003.json',
        keys: ['siteName'],
        answers: { ageBand: 'A60_74', commune: 'C59122' },
        ageBand: 'A60_74',
        pin: PIN,
        currentPin: PIN,
        note: 'Jean Dupont, 12 rue de la Paix',
        // Allow-listed names with values of the wrong shape are dropped too.
        code: 'jean dupont',
        channel: 'staff:steal-everything',
        fileName2: '../../etc/passwd',
        file: '/home/jean.dupont/Documents/secret.txt',
        sessions: -1,
      },
      userDataDir,
    );
    expect(details).toEqual({ sequence: 3, reason: 'noSpace', fileName: 'reperes-K-ABCDE-FGHJK-000003.json', keys: ['siteName'], redacted: 10 });
    expectNoPersonalData(JSON.stringify(details), userDataDir);
  });

  it('refuses setting keys it does not know (a value passed as a key)', () => {
    expect(sanitize({ keys: ['siteName', 'Jean Dupont'] })).toEqual({ redacted: 1 });
  });

  it('logs paths inside the user-data folder relative to it, and no other path', () => {
    expect(sanitize({ file: `${userDataDir}/reperes-kiosk.damaged-2026-11-20.db` }, userDataDir)).toEqual({ file: 'reperes-kiosk.damaged-2026-11-20.db' });
    expect(sanitize({ file: `${userDataDir}/../secret.db` }, userDataDir)).toEqual({ redacted: 1 });
    expect(sanitize({ file: '/media/jean/STICK/x.json' }, userDataDir)).toEqual({ redacted: 1 });
  });

  it('scrubs error messages: one line, no path, no quoted text, no codes or digits', () => {
    const message = scrubMessage(
      `PIN ${PIN} refused for 'Jean Dupont' in /home/jean.dupont/Documents/x.txt (answers A60_74, C59122): ENOSPC\nsecond line ${PIN}`,
      userDataDir,
    );
    expect(message).toBe("# # refused for '…' in <path> (answers #, #): ENOSPC");
    expect(scrubMessage(`cannot open ${userDataDir}/reperes-kiosk.db`, userDataDir)).toBe('cannot open <userData>/reperes-kiosk.db');
    expect(scrubMessage('x'.repeat(500))?.length).toBeLessThanOrEqual(160);
  });

  it("keeps an internal IPC error's channel, name and code, and a scrubbed message", () => {
    const error = Object.assign(new TypeError(`Cannot read 'pin' of ${PIN} at /home/jean.dupont/app.js`), { code: 'ERR_SOMETHING' });
    const details = sanitize({ channel: 'session:save', ...errorDetails(error) }, userDataDir);
    expect(details).toEqual({ channel: 'session:save', errorName: 'TypeError', code: 'ERR_SOMETHING', message: "Cannot read '…' of # at <path>" });
  });

  it('writes an unknown event code as log.unknownEvent', async () => {
    const log = createLogger({ dir: tempDir(), daily: false });
    log.info('Jean Dupont est venu' as never);
    expect((await log.recent(1))[0]).toMatchObject({ event: 'log.unknownEvent', details: {} });
    await log.close();
  });

  it('reads back only well-formed lines', () => {
    expect(parseLogLine('{"time":"2026-11-20T11:34Z","level":"info","event":"app.start","version":"0.1.0"}')).toEqual({
      time: '2026-11-20T11:34Z',
      level: 'info',
      event: 'app.start',
      details: { version: '0.1.0' },
    });
    expect(parseLogLine('{"time":"2026-11-20T11:34:56.789Z","level":"info","event":"app.start"}')).toBeNull();
    expect(parseLogLine('{"time":"2026-11-20T11:34Z","level":"debug","event":"app.start"}')).toBeNull();
    expect(parseLogLine('not json')).toBeNull();
  });
});

describe('events written by the kiosk services', () => {
  async function events(services: { log: { recent(limit?: number): Promise<LogEntry[]> } }): Promise<LogEntry[]> {
    return (await services.log.recent(500)).reverse();
  }

  it('app start, then a recovered database: the moved file relative to userData', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, KIOSK_DATABASE_FILE), 'ceci n’est pas une base SQLite'.repeat(200));
    const services = createKioskServices({ userDataDir: dir, mode: 'kiosk', scrypt: FAST_SCRYPT, backups: false });
    try {
      const list = await events(services);
      expect(list[0]).toMatchObject({ level: 'info', event: 'app.start', details: { mode: 'kiosk', version: expect.stringMatching(/^\d+\.\d+\.\d+/), schemaVersion: expect.any(Number) } });
      const recovered = list.find((e) => e.event === 'db.recovered');
      expect(recovered).toMatchObject({ level: 'warn', details: { file: expect.stringMatching(/^reperes-kiosk\.damaged-.*\.db$/), day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
      expect(recovered?.details['file']).toBe(services.recovery?.movedTo.slice(dir.length + 1));
      await services.log.flush();
      expect(allLogText(join(dir, 'logs'))).not.toContain(dir);
    } finally {
      services.close();
    }
  });

  it('a failed export: its sequence and reason; the retry: export.written', async () => {
    const state = { armed: true };
    const fs: ExportFs = {
      ...nodeExportFs,
      writeSynced: async (file, data) => {
        if (state.armed) throw Object.assign(new Error(`ENOSPC: no space left on device, open '${file}'`), { code: 'ENOSPC' });
        return nodeExportFs.writeSynced(file, data);
      },
    };
    const kiosk = await testKiosk({ exportFs: fs });
    const h = kiosk.services.handlers;
    for (let i = 0; i < 3; i++) await h['session:save'](completedRecord());
    await h['staff:set-first-pin']({ pin: PIN });
    expect(await h['staff:export'](undefined)).toMatchObject({ ok: false, reason: 'noSpace' });
    state.armed = false;
    expect(await h['staff:export'](undefined)).toMatchObject({ ok: true });

    const list = await events(kiosk.services);
    expect(list.filter((e) => e.event.startsWith('export.'))).toEqual([
      expect.objectContaining({ level: 'warn', event: 'export.failed', details: { reason: 'noSpace', sequence: 1 } }),
      expect.objectContaining({ level: 'info', event: 'export.written', details: { sequence: 1, sessions: 3, fileName: expect.stringMatching(/^reperes-K-.*-000001\.json$/) } }),
    ]);
    await kiosk.services.log.flush();
    expectNoPersonalData(allLogText(kiosk.services.log.dir), kiosk.dir);
  });

  it('a wrong PIN, then a lockout: attempts left and delays, never the PIN digits', async () => {
    const kiosk = await testKiosk();
    const h = kiosk.services.handlers;
    await h['session:save'](completedRecord());
    await h['staff:set-first-pin']({ pin: PIN });
    await h['staff:lock'](undefined);
    expect(await h['staff:unlock']({ pin: WRONG_PIN })).toMatchObject({ ok: false, reason: 'wrongPin', attemptsLeft: 4 });
    for (let i = 0; i < 4; i++) await h['staff:unlock']({ pin: WRONG_PIN });
    expect(await h['staff:unlock']({ pin: PIN })).toMatchObject({ ok: false, reason: 'lockedOut' });
    kiosk.clock.now = new Date(kiosk.clock.now.getTime() + 60_000);
    expect(await h['staff:unlock']({ pin: PIN })).toEqual({ ok: true });
    await h['staff:update-settings']({ siteName: 'Centre Jean Dupont' });

    const list = (await events(kiosk.services)).filter((e) => e.event.startsWith('staff.') || e.event === 'settings.changed');
    expect(list.map((e) => [e.event, e.details])).toEqual([
      ['staff.pinSet', {}],
      ['staff.wrongPin', { attemptsLeft: 4, retryAfterS: 0 }],
      ['staff.wrongPin', { attemptsLeft: 3, retryAfterS: 0 }],
      ['staff.wrongPin', { attemptsLeft: 2, retryAfterS: 0 }],
      ['staff.wrongPin', { attemptsLeft: 1, retryAfterS: 0 }],
      ['staff.wrongPin', { attemptsLeft: 0, retryAfterS: 30 }],
      ['staff.lockedOut', { retryAfterS: 30 }],
      ['staff.lockedOut', { retryAfterS: 30 }],
      ['staff.unlocked', {}],
      ['settings.changed', { keys: ['siteName'] }],
    ]);
    await kiosk.services.log.flush();
    const text = allLogText(kiosk.services.log.dir);
    expectNoPersonalData(text, kiosk.dir);
    // The journal channel is staff-only, like every staff channel.
    await h['staff:lock'](undefined);
    await expect(Promise.resolve().then(() => h['staff:logs'](undefined))).rejects.toMatchObject({ code: 'STAFF_LOCKED' });
  });

  it('staff:logs returns the newest lines first, at most the limit asked', async () => {
    const kiosk = await testKiosk();
    const h = kiosk.services.handlers;
    // The first backup runs in the background at start: let its line land first.
    await expect.poll(async () => (await kiosk.services.log.recent()).some((e) => e.event === 'backup.done')).toBe(true);
    await h['staff:set-first-pin']({ pin: PIN });
    await h['staff:update-settings']({ smallCellK: 7 });
    const lines = await h['staff:logs']({ limit: 2 });
    expect(lines.map((e) => e.event)).toEqual(['settings.changed', 'staff.pinSet']);
    expect(lines[0]?.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
  });
});
