/**
 * Configuration packs in the staff area, end to end in real Chromium with the real handlers:
 * the agglomeration key read from the installation stick and trusted after its fingerprint is
 * shown, a pack made by `reperes pack` from the national places file read from a stick with
 * what it will change, applied, then undone; a pack signed by another key refused with its
 * reason. Axe on each state.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fr from '../../shared/i18n/locales/fr/ui.json';
import { runKeygen, runPack } from '../../electron/cli/pack-commands';
import { packKeyFingerprint } from '../../electron/services/pack/signing';
import { startKioskBrowser, type KioskBrowser } from '../harness/kiosk-browser';
import { repoRoot } from '../harness/repo-root';
import { FAST_SCRYPT } from '../unit/export-fixtures';

const S = fr.staff;
const P = S.packs;
let kiosk: KioskBrowser;
const root = mkdtempSync(join(tmpdir(), 'reperes-e2e-packs-'));
const folder = { path: root };

beforeAll(async () => {
  expect(runKeygen(join(root, 'agglo'), "Communauté d'Agglomération de Cambrai").ok).toBe(true);
  expect(runKeygen(join(root, 'other'), 'Quelqu’un d’autre').ok).toBe(true);
  const places = join(repoRoot(), 'test/fixtures/mediation-numerique/lieux-cambrai-exemple.csv');
  await runPack({ key: join(root, 'agglo', 'reperes-cle-agglomeration-PRIVEE.json'), places, sequence: 10, description: 'Lieux de décembre', out: join(root, 'good'), audio: false });
  await runPack({ key: join(root, 'other', 'reperes-cle-agglomeration-PRIVEE.json'), places, sequence: 20, out: join(root, 'forged'), audio: false });
  kiosk = await startKioskBrowser({ services: { scrypt: FAST_SCRYPT, backups: false, chooseExportFolder: async () => folder.path } });
  await kiosk.services.handlers['staff:set-first-pin']({ pin: '246810' });
  await kiosk.services.handlers['staff:lock'](undefined);
});
afterAll(async () => {
  await kiosk?.close();
  rmSync(root, { recursive: true, force: true });
});

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function openPacks(page: Page): Promise<void> {
  await kiosk.open();
  for (let i = 0; i < 5; i++) await page.locator('[data-staff-gesture]').click();
  const pad = page.getByRole('group', { name: S.pin.pad });
  for (const digit of '246810') await pad.getByRole('button', { name: digit, exact: true }).click();
  await pad.getByRole('button', { name: S.pin.open, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: S.status.title }).waitFor();
  await page.getByRole('button', { name: S.nav.packs }).click();
  await page.getByRole('heading', { level: 1, name: P.title }).waitFor();
}

describe('packs in the staff area', () => {
  it('trusts the agglomeration key after showing its fingerprint', async () => {
    const { page } = kiosk;
    await openPacks(page);
    expect(await page.getByTestId('trusted-key').innerText()).toBe(P.noKey);
    folder.path = join(root, 'agglo');
    await page.getByRole('button', { name: P.readKey }).click();
    await page.getByRole('button', { name: P.trust }).waitFor();
    // Shown before anything is trusted: the fingerprint of the key file, as `reperes pack keygen` printed it.
    expect(kiosk.services.packs.status().trustedKeyFingerprint).toBeNull();
    const shown = await page.locator('.staff-panel .staff-recovery-code').innerText();
    const publicKey = (JSON.parse(readFileSync(join(root, 'agglo', 'reperes-cle-agglomeration.json'), 'utf8')) as { publicKey: string }).publicKey;
    expect(shown).toBe(packKeyFingerprint(publicKey));
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: P.trust }).click();
    await expect.poll(() => page.getByTestId('trusted-key').innerText()).toBe(shown);
  });

  it('refuses a pack signed by another key, saying why, and changes nothing', async () => {
    const { page } = kiosk;
    const before = kiosk.services.settings.get();
    folder.path = join(root, 'forged');
    await page.getByRole('button', { name: P.read }).click();
    await expect.poll(() => page.getByTestId('packs-message').innerText()).toBe(P.refused.replace('{{reason}}', P.reason.untrustedKey));
    expect(kiosk.services.settings.get()).toEqual(before);
  });

  it('shows what a pack made from the national places file will change, applies it, and undoes it', async () => {
    const { page } = kiosk;
    const before = kiosk.services.settings.get();
    expect(readdirSync(join(root, 'good'))).toEqual(['reperes-paquet-10.json']);
    folder.path = join(root, 'good');
    await page.getByRole('button', { name: P.read }).click();
    const changes = page.getByTestId('pack-changes');
    await changes.waitFor();
    expect(await changes.innerText()).toContain('Lieux de décembre');
    expect(await changes.innerText()).toContain(P.directoryChange.replace('{{before}}', '7').replace('{{after}}', '5').replace('{{added}}', '5').replace('{{removed}}', '7').replace('{{changed}}', '0'));
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: P.apply }).click();
    await expect.poll(() => page.getByTestId('packs-message').innerText()).toBe(P.applied.replace('{{sequence}}', '10'));
    expect(kiosk.services.settings.get().directory.map((p) => p.name)).toContain('EXEMPLE Centre social des langues');
    await expect.poll(() => page.getByTestId('current-pack').innerText()).toContain('n° 10');

    await page.getByRole('button', { name: P.rollback }).click();
    await expect.poll(() => page.getByTestId('packs-message').innerText()).toBe(P.rolledBack);
    expect(kiosk.services.settings.get()).toEqual(before);
    mkdirSync(join(root, 'empty'));
    folder.path = join(root, 'empty');
    await page.getByRole('button', { name: P.read }).click();
    await expect.poll(() => page.getByTestId('packs-message').innerText()).toBe(P.refused.replace('{{reason}}', P.reason.noPackFound));
  });
});
