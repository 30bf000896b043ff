/**
 * One key, one fingerprint, the same characters everywhere a person compares it: the kiosk's
 * staff status (the handler behind StatusScreen.tsx), the export's `00-export.csv`, what
 * `reperes export` and `reperes verify` print, `reperes kiosks`, and the analyst window's trust
 * dialog (the held kiosk's fingerprint). All equal keyFingerprint(kiosk.publicKey).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnalystServices } from '../../electron/services/analyst/index';
import { FINGERPRINT_PATTERN } from '../../shared/key-fingerprint';
import { keyFingerprint } from '../../electron/services/key-fingerprint';
import { reperes } from '../harness/cli';
import { cleanupKiosks, testKiosk, unlockedKiosk } from './export-fixtures';

afterEach(cleanupKiosks);

describe('the key fingerprint', () => {
  it('is the same on the staff status, in 00-export.csv, in export, verify and kiosks, and in the trust dialog', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(6);
    await unlockedKiosk(kiosk);
    const expected = keyFingerprint(kiosk.services.identity.publicKey);
    expect(expected).toMatch(FINGERPRINT_PATTERN);

    const overview = await kiosk.services.handlers['staff:overview'](undefined);
    expect(overview.keyFingerprint).toBe(expected);
    kiosk.services.close();

    const out = join(kiosk.dir, 'out');
    const exported = await reperes(['export', '--db', kiosk.dbFile, '--out', out]);
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toContain(`kiosk ${kiosk.services.identity.pseudonym}, key fingerprint ${expected}`);

    const bundle = join(out, readdirSync(out).find((f) => f.endsWith('.json')) as string);
    const csvFolder = join(out, readdirSync(out).find((f) => f.endsWith('-tableaux')) as string);
    const about = Papa.parse<string[]>(readFileSync(join(csvFolder, '00-export.csv'), 'utf8').replace(/^\uFEFF/, ''), { delimiter: ';', skipEmptyLines: true }).data;
    expect(about).toContainEqual(['Empreinte de la clé de la borne', expected]);

    const verified = await reperes(['verify', bundle]);
    expect(verified.out).toContain(`key fingerprint ${expected}`);

    const analystDb = join(kiosk.dir, 'analyst.db');
    expect((await reperes(['import', '--db', analystDb, '--trust-new', bundle])).code).toBe(0);
    expect((await reperes(['kiosks', '--db', analystDb])).out).toContain(`key fingerprint  ${expected}`);

    const analyst = createAnalystServices({ userDataDir: join(kiosk.dir, 'window') });
    try {
      const report = await analyst.handlers['analyst:import-files']({ files: [{ name: 'b.json', base64: readFileSync(bundle).toString('base64') }] });
      expect(report.pendingTrust?.kiosks.map((k) => k.fingerprint)).toEqual([expected]);
    } finally {
      analyst.close();
    }
  });
});
