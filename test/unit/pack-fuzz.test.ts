/**
 * The short pack fuzz (the long one: test/stress/pack-fuzz.test.ts): mutated packs are refused
 * with a documented reason unless their signed content is the original's, and a sample goes
 * through a real kiosk's staff channels, which must leave its database and identity file as
 * they were.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { identityFileFor } from '../../electron/services/identity';
import { createKioskServices, KIOSK_DATABASE_FILE } from '../../electron/services/kiosk';
import { contentChecksum } from '../harness/analyst-fixtures';
import { basePack, FUZZ_KEYS, judge, MUTATION_NAMES, mutate } from '../fuzz/pack-fuzz';
import { FAST_SCRYPT } from './export-fixtures';

const root = mkdtempSync(join(tmpdir(), 'reperes-pack-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('pack fuzzing (short)', () => {
  const base = basePack(FUZZ_KEYS);

  // Real work (400 real Ed25519 verifications): 5 s is too short on a busy 2-core machine.
  it('refuses 400 mutated packs with a documented reason unless their signed content is the original', { timeout: 30_000 }, () => {
    const seen = new Map<string, number>();
    const problems: string[] = [];
    for (let seed = 1; seed <= 400; seed++) {
      const made = mutate(seed, base, FUZZ_KEYS);
      const { verdict, problem } = judge(made, base, FUZZ_KEYS, 1000);
      if (problem) problems.push(`seed ${seed}: ${problem}`);
      const key = verdict.accepted ? 'accepted' : verdict.reason;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect(problems).toEqual([]);
    // The mutations reach many different checks, not one.
    expect([...seen.keys()].length).toBeGreaterThanOrEqual(8);
    expect(MUTATION_NAMES.length).toBeGreaterThanOrEqual(12);
  });

  it('through a real kiosk: 25 mutated packs read from the stick change neither its database nor its identity file', async () => {
    const dir = join(root, 'kiosk');
    const stick = join(root, 'usb');
    const services = createKioskServices({ userDataDir: dir, mode: 'kiosk', scrypt: FAST_SCRYPT, backups: false, chooseExportFolder: async () => stick });
    try {
      await dispatch(services.handlers, true, 'staff:set-first-pin', { pin: '246813' });
      services.identityStore.update((d) => {
        d.packs.trustedKey = FUZZ_KEYS.trusted.publicKey;
        d.packs.lastSequence = 1000;
      });
      const identityFile = identityFileFor(join(dir, KIOSK_DATABASE_FILE));
      const before = { db: contentChecksum(services.db), identity: readFileSync(identityFile, 'utf8') };
      for (let seed = 1000; seed < 1025; seed++) {
        const made = mutate(seed, base, FUZZ_KEYS);
        rmSync(stick, { recursive: true, force: true });
        mkdirSync(stick);
        writeFileSync(join(stick, 'reperes-paquet-5000.json'), made.bytes);
        const response = await dispatch(services.handlers, true, 'staff:pack-read', undefined);
        expect(response.ok, made.mutation).toBe(true);
        expect({ db: contentChecksum(services.db), identity: readFileSync(identityFile, 'utf8') }, `${made.mutation} (seed ${seed})`).toEqual(before);
      }
    } finally {
      services.close();
    }
  });
});
