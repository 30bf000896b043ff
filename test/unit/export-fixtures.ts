/**
 * Shared by the staff-* and export-* tests: a kiosk's services on a temp folder, filled with
 * visits by the real simulator (real machine, real session repository), with a cheap scrypt
 * and an injectable clock, folder picker and file system.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mersenne } from 'pure-rand/generator/mersenne';
import { Draw, drawVisitor, simulate } from '../../electron/cli/simulate';
import { questionnaireStamp } from '../../shared/questionnaire/current';
import { questionnaire } from '../../shared/questionnaire/definition';
import type { ExportFs } from '../../electron/services/export/files';
import { createKioskServices, KIOSK_DATABASE_FILE, type KioskServices } from '../../electron/services/kiosk';
import { visitFacts } from '../../electron/services/sessions';
import { combineVersions } from '../../shared/export/table-sets';
import type { SessionFacts, Tables } from '../../shared/export/tables';
import type { SessionRecord } from '../../shared/session/record';

/** scrypt at a test cost (the default, 2^15, is checked once in staff-auth.test.ts). */
export const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1, keylen: 32 };

export interface TestKiosk {
  dir: string;
  dbFile: string;
  services: KioskServices;
  clock: { now: Date };
  /** Where 'staff:export' writes; set to null to cancel the dialog. */
  folder: { path: string | null };
  /** Adds `n` visits walked through the real kiosk machine by the simulator (slower). */
  addVisits(n: number, seed?: number): Promise<void>;
  /**
   * Adds `n` visits drawn by the simulator's answer model and stored by the real session
   * repository, without walking the machine (fast); about one in six is abandoned midway.
   */
  addQuickVisits(n: number, seed?: number): void;
  /** What each quick visit was (as the tables read it), for an independent tabulate(). */
  quickFacts: SessionFacts[];
  reopen(): void;
  cleanup(): void;
}

const open: TestKiosk[] = [];

/**
 * A RAM-backed folder where there is one (Linux): every export fsyncs each file and folder,
 * which costs tens of milliseconds per call on a disk and nothing in memory. What is tested
 * (the order of the steps, the failures) does not depend on it.
 */
export const FAST_TMP = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
let seeds = 1000;

export async function testKiosk(options: { visits?: number; exportFs?: ExportFs; now?: Date } = {}): Promise<TestKiosk> {
  const dir = mkdtempSync(join(FAST_TMP, 'reperes-staff-'));
  const dbFile = join(dir, KIOSK_DATABASE_FILE);
  const clock = { now: options.now ?? new Date(2026, 10, 20, 12) };
  const folder = { path: join(dir, 'usb') as string | null };
  const make = () =>
    createKioskServices({
      userDataDir: dir,
      mode: 'kiosk',
      now: () => clock.now,
      scrypt: FAST_SCRYPT,
      chooseExportFolder: async () => folder.path,
      ...(options.exportFs ? { exportFs: options.exportFs } : {}),
    });
  const kiosk: TestKiosk = {
    dir,
    dbFile,
    services: make(),
    clock,
    folder,
    async addVisits(n, seed = seeds++) {
      // The simulator appends through its own connection, as a second process would.
      await simulate({ db: dbFile, sessions: n, seed, months: 6, until: clock.now });
    },
    quickFacts: [],
    addQuickVisits(n, seed = seeds++) {
      kiosk.quickFacts.push(...saveDrawnVisits(kiosk.services, n, seed, clock.now));
    },
    reopen() {
      kiosk.services.close();
      kiosk.services = make();
    },
    cleanup() {
      if (kiosk.services.db.open) kiosk.services.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  open.push(kiosk);
  if (options.visits) await kiosk.addVisits(options.visits);
  return kiosk;
}

/**
 * Stores `n` visits drawn by the simulator's answer model through the real session
 * repository, spread over the 180 days before `now`; about one in six stops midway.
 */
export function saveDrawnVisits(services: Pick<KioskServices, 'db' | 'sessions' | 'settings'>, n: number, seed: number, now: Date): SessionFacts[] {
  const facts: SessionFacts[] = [];
  services.db.transaction(() => {
    for (const { record, when } of drawnRecords(n, seed, now)) {
      services.sessions.save(record, when);
      facts.push(visitFacts(record, questionnaire, services.settings.get().directory, when));
    }
  })();
  return facts;
}

/** `n` visits drawn by the simulator's answer model, each with the moment it ended (180 days before `now` at most). */
export function drawnRecords(n: number, seed: number, now: Date): { record: SessionRecord; when: Date }[] {
  const draw = new Draw(mersenne(seed));
  const order = questionnaire.questions.map((q) => q.id);
  const out: { record: SessionRecord; when: Date }[] = [];
  for (let i = 0; i < n; i++) {
    const visitor = drawVisitor(draw, ['fr', 'en']);
    const abandoned = draw.chance(0.17);
    const stopAt = abandoned ? (order[draw.int(0, order.length - 1)] as string) : null;
    const answers = stopAt ? Object.fromEntries(Object.entries(visitor.answers).filter(([id]) => order.indexOf(id) < order.indexOf(stopAt))) : visitor.answers;
    const record: SessionRecord = {
      questionnaire: questionnaireStamp(),
      language: visitor.language,
      status: abandoned ? 'abandoned' : 'completed',
      lastStep: stopAt ?? 'result',
      answers: answers as Record<string, string | string[]>,
      // A visit stopped midway keeps only the exercise results it reached.
      exercises: Object.fromEntries(Object.entries(visitor.exercises).filter(([id]) => Object.hasOwn(answers, id))),
      accompanied: answers['accompanied'] === 'PROFESSIONAL',
      durationS: 300,
    };
    out.push({ record, when: new Date(now.getTime() - draw.int(0, 180) * 86_400_000) });
  }
  return out;
}

/** Every period's counts of this build's questionnaire, summed: what the kiosk holds. */
export function allCounts(services: Pick<KioskServices, 'sessions'>): Tables {
  return combineVersions(services.sessions.counts.allTables()).tables;
}

export function cleanupKiosks(): void {
  for (const k of open.splice(0)) k.cleanup();
}

/** Opens the staff area of a kiosk whose PIN is not set yet. */
export async function unlockedKiosk(kiosk: TestKiosk, pin = '246810'): Promise<void> {
  const result = await kiosk.services.handlers['staff:set-first-pin']({ pin });
  if (!result.ok) throw new Error('could not set the first PIN');
}
