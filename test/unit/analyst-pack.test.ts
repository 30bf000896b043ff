/**
 * The configuration pack from the analyst window, through the real analyst services and IPC
 * gate: the key made on first use (0600, kept), the places file in the national format read,
 * the pack and the public key written to the chosen folder — and a kiosk that trusts that key
 * reads the pack as valid and shows its new places. Cancelling writes nothing; a file that is
 * not in the national format is refused with its reason.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalystServices, dispatchAnalyst } from '../../electron/services/analyst';
import { dispatch } from '../../electron/services/dispatch';
import { createKioskServices } from '../../electron/services/kiosk';
import type { AnalystPackOutcome, PackReadOutcome } from '../../shared/pack/types';
import { repoRoot } from '../harness/repo-root';
import { FAST_SCRYPT } from './export-fixtures';

const root = mkdtempSync(join(tmpdir(), 'reperes-analyst-pack-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const PLACES = join(repoRoot(), 'test/fixtures/mediation-numerique/lieux-cambrai-exemple.csv');

describe('the pack tab of the analyst window', () => {
  it('writes a signed pack a kiosk accepts, with the key made once and kept', async () => {
    const pick = { places: PLACES as string | null, folder: join(root, 'usb') as string | null };
    mkdirSync(join(root, 'usb'));
    // Recording is `reperes pack`'s (test/unit/packs.test.ts); here, what the window says without the tools.
    const analyst = createAnalystServices({ userDataDir: join(root, 'analyst'), choosePlacesFile: async () => pick.places, choosePublishFolder: async () => pick.folder, recordPlaceAudio: false });
    const withoutTools = createAnalystServices({ userDataDir: join(root, 'analyst-no-tools'), choosePlacesFile: async () => PLACES, choosePublishFolder: async () => join(root, 'usb-no-tools') });
    const call = async (channel: string, payload?: unknown) => {
      const r = await dispatchAnalyst(analyst.handlers, true, channel, payload);
      if (!r.ok) throw new Error(JSON.stringify(r));
      return r.value;
    };
    try {
      expect(await call('analyst:pack-status')).toEqual({ fingerprint: null, issuer: "Communauté d'Agglomération de Cambrai" });
      // Cancelled at the file: nothing written, no key made.
      pick.places = null;
      expect(await call('analyst:pack-make', { description: '', recoveryCode: false })).toMatchObject({ ok: false, reason: 'cancelled' });
      expect(readdirSync(join(root, 'usb'))).toEqual([]);
      // A file that is not in the national format.
      const bad = join(root, 'bad.csv');
      writeFileSync(bad, 'a;b\n1;2\n');
      pick.places = bad;
      expect(await call('analyst:pack-make', { description: '', recoveryCode: false })).toMatchObject({ ok: false, reason: 'placesFile' });

      pick.places = PLACES;
      const made = (await call('analyst:pack-make', { description: 'Décembre', recoveryCode: true })) as AnalystPackOutcome & { ok: true };
      expect(made).toMatchObject({ ok: true, places: 5, rows: 7, skipped: { outsideAgglomeration: 1, nothingToRecommend: 1 }, unknownColumns: ['colonne_inconnue'] });
      expect(made.recoveryCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      expect(readdirSync(join(root, 'usb')).sort()).toEqual([made.fileName, 'reperes-cle-agglomeration.json'].sort());
      const keyFile = join(root, 'analyst', 'reperes-cle-agglomeration-PRIVEE.json');
      if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(await call('analyst:pack-status')).toMatchObject({ fingerprint: made.fingerprint });
      // The same key signs the next pack.
      const again = (await call('analyst:pack-make', { description: '', recoveryCode: false })) as AnalystPackOutcome & { ok: true };
      expect(again.fingerprint).toBe(made.fingerprint);
      expect(again.sequence).toBeGreaterThan(made.sequence);
      expect(made).toMatchObject({ recordings: 0, missingSpeechTools: [] });

      // A computer without espeak-ng and opusenc: the pack is made, and the window says why it has no voice.
      mkdirSync(join(root, 'usb-no-tools'));
      const path = process.env.PATH;
      process.env.PATH = join(root, 'no-tools');
      let bare: AnalystPackOutcome;
      try {
        const r = await dispatchAnalyst(withoutTools.handlers, true, 'analyst:pack-make', { description: '', recoveryCode: false });
        if (!r.ok) throw new Error(JSON.stringify(r));
        bare = r.value as AnalystPackOutcome;
      } finally {
        process.env.PATH = path;
        withoutTools.close();
      }
      expect(bare).toMatchObject({ ok: true, places: 5, recordings: 0, missingSpeechTools: ['espeak-ng', 'opusenc'] });

      // A kiosk trusts the key from the stick and reads the pack as valid.
      const kiosk = createKioskServices({ userDataDir: join(root, 'kiosk'), mode: 'kiosk', scrypt: FAST_SCRYPT, backups: false, chooseExportFolder: async () => join(root, 'usb') });
      try {
        const k = async (channel: string, payload?: unknown) => {
          const r = await dispatch(kiosk.handlers, true, channel, payload);
          if (!r.ok) throw new Error(JSON.stringify(r));
          return r.value;
        };
        await k('staff:set-first-pin', { pin: '246813' });
        const key = (await k('staff:pack-trust-read')) as { ok: true; publicKey: string; fingerprint: string };
        expect(key.fingerprint).toBe(made.fingerprint);
        await k('staff:pack-trust', { publicKey: key.publicKey });
        const read = (await k('staff:pack-read')) as PackReadOutcome & { ok: true };
        expect(read.ok).toBe(true);
        expect(read.pack).toMatchObject({ places: 5 });
        expect(read.changes.find((c) => c.key === 'directory')).toMatchObject({ added: expect.arrayContaining(['EXEMPLE France Services']) });
      } finally {
        kiosk.close();
      }
    } finally {
      analyst.close();
    }
  });
});
