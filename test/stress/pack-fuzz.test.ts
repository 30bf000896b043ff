/**
 * The long pack fuzz (`npm run test:stress`; a short version runs in `npm test`:
 * test/unit/pack-fuzz.test.ts): 5,000 mutated packs through the checks, and 200 through a real
 * kiosk's staff channels, none changing its database or identity file.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { identityFileFor } from '../../electron/services/identity';
import { createKioskServices, KIOSK_DATABASE_FILE } from '../../electron/services/kiosk';
import { contentChecksum } from '../harness/analyst-fixtures';
import { basePack, FUZZ_KEYS, judge, mutate } from '../fuzz/pack-fuzz';

const CASES = 5000;
const KIOSK_CASES = 200;
const root = mkdtempSync(join(tmpdir(), 'reperes-pack-stress-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('pack fuzzing', () => {
  const base = basePack(FUZZ_KEYS);

  it(`refuses ${CASES} mutated packs with a documented reason unless their signed content is the original`, () => {
    const problems: string[] = [];
    for (let seed = 10_000; seed < 10_000 + CASES; seed++) {
      const { problem } = judge(mutate(seed, base, FUZZ_KEYS), base, FUZZ_KEYS, 1000);
      if (problem) problems.push(`seed ${seed}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  it(`${KIOSK_CASES} mutated packs through a real kiosk change neither its database nor its identity file`, async () => {
    const dir = join(root, 'kiosk');
    const stick = join(root, 'usb');
    const services = createKioskServices({ userDataDir: dir, mode: 'kiosk', backups: false, scrypt: { N: 2 ** 10, r: 8, p: 1, keylen: 32 }, chooseExportFolder: async () => stick });
    try {
      await dispatch(services.handlers, true, 'staff:set-first-pin', { pin: '246813' });
      services.identityStore.update((d) => {
        d.packs.trustedKey = FUZZ_KEYS.trusted.publicKey;
        d.packs.lastSequence = 1000;
      });
      const identityFile = identityFileFor(join(dir, KIOSK_DATABASE_FILE));
      const before = { db: contentChecksum(services.db), identity: readFileSync(identityFile, 'utf8') };
      for (let seed = 50_000; seed < 50_000 + KIOSK_CASES; seed++) {
        const made = mutate(seed, base, FUZZ_KEYS);
        rmSync(stick, { recursive: true, force: true });
        mkdirSync(stick);
        writeFileSync(join(stick, 'reperes-paquet-5000.json'), made.bytes);
        expect((await dispatch(services.handlers, true, 'staff:pack-read', undefined)).ok).toBe(true);
        expect({ db: contentChecksum(services.db), identity: readFileSync(identityFile, 'utf8') }, `${made.mutation} (seed ${seed})`).toEqual(before);
      }
    } finally {
      services.close();
    }
  });
});
