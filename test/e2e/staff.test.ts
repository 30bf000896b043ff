/**
 * The staff area end to end, in real Chromium on the built renderer with the real main-process
 * handlers: the discreet gesture, the first PIN, the PIN screen, a setting changed and kept,
 * the dashboard with its "< k" cells, an export to a folder (the injected folder picker) and
 * `reperes verify` accepting the bundle — and refusing a tampered copy.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fr from '../../shared/i18n/locales/fr/ui.json';
import { keyFingerprint } from '../../electron/services/key-fingerprint';
import { startKioskBrowser, type KioskBrowser } from '../harness/kiosk-browser';
import { repoRoot } from '../harness/repo-root';
import { FAST_SCRYPT, saveDrawnVisits } from '../unit/export-fixtures';

const S = fr.staff;
const PIN = '246810';
let kiosk: KioskBrowser;
/** The recovery code shown once after the first PIN. */
let recoveryCode = '';
let exportDir: string;
const requested: string[] = [];

beforeAll(async () => {
  exportDir = mkdtempSync(join(tmpdir(), 'reperes-usb-'));
  // likeElectron: the page cannot navigate itself, as in the kiosk window (closing must not reload).
  kiosk = await startKioskBrowser({ likeElectron: true, services: { chooseExportFolder: async () => exportDir, scrypt: FAST_SCRYPT } });
  saveDrawnVisits(kiosk.services, 60, 7, new Date());
  kiosk.page.on('request', (r) => requested.push(r.url()));
});
afterAll(async () => {
  await kiosk?.close();
});

async function tapBrand(page: Page, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await page.locator('[data-staff-gesture]').click();
}

async function heading(page: Page): Promise<string> {
  await page.locator('h1').first().waitFor();
  return page.locator('h1').first().innerText();
}

async function focusedHeading(page: Page): Promise<string | null> {
  return page.evaluate(() => (document.activeElement?.tagName === 'H1' ? (document.activeElement as HTMLElement).innerText : null));
}

async function typePin(page: Page, pin: string, submit: string): Promise<void> {
  const pad = page.getByRole('group', { name: S.pin.pad });
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await pad.getByRole('button', { name: submit, exact: true }).click();
}

async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('the staff area', () => {
  it('stays out of the citizen flow: not loaded, and four taps do nothing', async () => {
    const { page } = kiosk;
    await kiosk.open();
    await tapBrand(page, 4);
    await page.waitForTimeout(300);
    expect(await page.getByRole('heading', { name: S.pin.firstTitle }).count()).toBe(0);
    // The staff chunk (and its chart library) is not fetched for citizens.
    expect(requested.filter((u) => u.includes('StaffArea'))).toEqual([]);
  });

  it('first start: five taps on "Repères", then the staff choose their PIN', async () => {
    const { page } = kiosk;
    await kiosk.open();
    await tapBrand(page, 5);
    expect(await heading(page)).toBe(S.pin.firstTitle);
    await expect.poll(() => focusedHeading(page)).toBe(S.pin.firstTitle);
    expect(requested.some((u) => u.includes('StaffArea'))).toBe(true);
    await typePin(page, PIN, S.pin.next);
    await page.getByText(S.pin.confirmLabel).waitFor();
    await typePin(page, PIN, S.pin.save);
    // The recovery code to print comes next, once.
    await expect.poll(() => heading(page)).toBe(S.recovery.shownTitle);
    await expect.poll(() => focusedHeading(page)).toBe(S.recovery.shownTitle);
    recoveryCode = await page.getByTestId('recovery-code').innerText();
    expect(recoveryCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expectAccessible(page);
    await page.getByRole('button', { name: S.recovery.stored }).click();
    await expect.poll(() => heading(page)).toBe(S.status.title);
    await expect.poll(() => focusedHeading(page)).toBe(S.status.title);
    expect(await page.getByTestId('sessions-since-export').innerText()).toBe('60');
    // The key fingerprint the analyst compares at the first import (issue 15).
    expect(await page.getByTestId('key-fingerprint').innerText()).toBe(keyFingerprint(kiosk.services.identity.publicKey));
    expect(kiosk.services.staffAuth.status()).toMatchObject({ pinSet: true, unlocked: true });
    await expectAccessible(page);
  });

  it('closing returns to the kiosk; the gesture then asks for the PIN, and a wrong PIN is refused', async () => {
    const { page } = kiosk;
    await page.getByRole('button', { name: S.close }).click();
    await page.getByRole('button', { name: fr.attract.start, exact: true }).waitFor();
    expect(kiosk.services.staffAuth.status().unlocked).toBe(false);
    await tapBrand(page, 5);
    expect(await heading(page)).toBe(S.pin.unlockTitle);
    await typePin(page, '111111', S.pin.open);
    await expect.poll(() => page.getByRole('status').first().innerText()).toBe(S.pin.wrong_other.replace('{{count}}', '4'));
    await typePin(page, PIN, S.pin.open);
    await expect.poll(() => heading(page)).toBe(S.status.title);
  });

  it('a setting changed in the form is stored and shown again', async () => {
    const { page } = kiosk;
    await page.getByRole('button', { name: S.nav.settings }).click();
    await expect.poll(() => focusedHeading(page)).toBe(S.settings.title);
    await page.getByLabel(S.settings.siteName).fill('Centre social Amérique');
    await page.getByLabel(S.settings.siteCode).fill('cs-amerique');
    await page.getByRole('button', { name: S.settings.save }).click();
    await expect.poll(() => page.getByText(S.settings.saved).count()).toBe(1);
    expect(kiosk.services.settings.get()).toMatchObject({ siteName: 'Centre social Amérique', siteCode: 'CS-AMERIQUE' });
    await expectAccessible(page);

    // A bad value is refused with the field's name, and nothing changes.
    await page.getByLabel(S.settings.idleDelay).fill('5');
    await page.getByRole('button', { name: S.settings.save }).click();
    await expect.poll(() => page.getByText(S.settings.invalidField.replace('{{field}}', S.settings.idleDelay)).count()).toBe(1);
    expect(kiosk.services.settings.get().idleDelayS).toBe(90);

    // The help request (issue 17): what the screen promises and how loud the chime is; a
    // volume over 100 % is refused by the field's name, and nothing changes.
    await page.getByLabel(S.settings.idleDelay).fill('90');
    await page.getByLabel(S.settings.helpPromiseShowReception).check();
    await page.getByLabel(S.settings.helpChimeVolume).fill('60');
    await page.getByRole('button', { name: S.settings.save }).click();
    await expect.poll(() => kiosk.services.settings.get().helpPromise).toBe('showReception');
    expect(kiosk.services.settings.get().helpChimeVolume).toBe(60);
    await page.getByLabel(S.settings.helpChimeVolume).fill('500');
    await page.getByRole('button', { name: S.settings.save }).click();
    await expect.poll(() => page.getByText(S.settings.invalidField.replace('{{field}}', S.settings.helpChimeVolume)).count()).toBe(1);
    expect(kiosk.services.settings.get().helpChimeVolume).toBe(60);
    await page.getByLabel(S.settings.helpChimeVolume).fill('100');
    await page.getByLabel(S.settings.helpPromiseStaffComing).check();
    await page.getByRole('button', { name: S.settings.save }).click();
    await expect.poll(() => kiosk.services.settings.get().helpPromise).toBe('staffComing');

    await page.getByRole('button', { name: S.nav.status }).click();
    await page.getByRole('button', { name: S.nav.settings }).click();
    await expect.poll(() => page.getByLabel(S.settings.siteName).inputValue()).toBe('Centre social Amérique');
  });

  it('the dashboard draws its charts, each with a table, and hides small figures as "< k"', async () => {
    const { page } = kiosk;
    await page.getByRole('button', { name: S.nav.dashboard }).click();
    await expect.poll(() => focusedHeading(page)).toBe(S.dashboard.title);
    await page.locator('.staff-figure canvas').first().waitFor();
    const figures = page.locator('.staff-figure');
    expect(await figures.count()).toBe(9);
    expect(await page.locator('.staff-figure table').count()).toBe(9);
    expect(await page.locator('td[data-below-k]').first().innerText()).toBe('< 5');
    const numbers = await page.locator('.staff-figure td:not([data-below-k])').allInnerTexts();
    const counts = numbers.filter((t) => /^\d+$/.test(t)).map(Number);
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every((n) => n >= 5)).toBe(true);
    await expectAccessible(page);
  });

  it('exports to the chosen folder; `reperes verify` accepts the bundle and rejects a tampered copy', async () => {
    const { page } = kiosk;
    await page.getByRole('button', { name: S.nav.export }).click();
    await expect.poll(() => focusedHeading(page)).toBe(S.export.title);
    await page.getByRole('button', { name: S.export.button }).click();
    const result = page.locator('#staff-export-result');
    await expect.poll(() => result.innerText(), { timeout: 20_000 }).toContain(S.export.removeStick);
    expect(await result.innerText()).toContain('1');

    const bundle = readdirSync(exportDir).find((f) => f.endsWith('.json'));
    expect(bundle).toMatch(/^reperes-K-[0-9A-Z]{5}-[0-9A-Z]{5}-000001\.json$/);
    const file = join(exportDir, bundle as string);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ kiosk: { siteCode: 'CS-AMERIQUE', siteName: 'Centre social Amérique' }, export: { sequence: 1, sessions: 60 } });

    const cli = (path: string) => spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/reperes.ts', 'verify', path], { cwd: repoRoot(), encoding: 'utf8', timeout: 30_000 });
    const ok = cli(file);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/OK/);

    const tampered = join(exportDir, 'tampered.json');
    writeFileSync(tampered, readFileSync(file, 'utf8').replace(/("ageBand":"A60_74","completion":"\w+","illectronisme":"\w+","count":)(\d+)/, (_, head: string, n: string) => `${head}${Number(n) + 1}`));
    expect(readFileSync(tampered, 'utf8')).not.toBe(readFileSync(file, 'utf8'));
    const bad = cli(tampered);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/INVALID \(hash/);

    // The status now shows the export, and nothing left to export.
    await page.getByRole('button', { name: S.nav.status }).click();
    await expect.poll(() => page.getByTestId('sessions-since-export').innerText()).toBe('0');
  });

  it('a forgotten PIN: the recovery code opens the area, a new PIN is chosen and a new code shown', async () => {
    const { page } = kiosk;
    await page.getByRole('button', { name: S.close }).click();
    await page.getByRole('button', { name: fr.attract.start, exact: true }).waitFor();
    await tapBrand(page, 5);
    expect(await heading(page)).toBe(S.pin.unlockTitle);
    await page.getByRole('button', { name: S.recovery.useCode }).click();
    await expect.poll(() => focusedHeading(page)).toBe(S.recovery.title);
    await page.getByLabel(S.recovery.label).fill('AAAA-BBBB-CCCC-DDDD');
    await page.getByRole('button', { name: S.pin.open, exact: true }).click();
    await expect.poll(() => page.locator('#staff-recover-message').innerText()).toBe(S.recovery.wrongCode);
    await expectAccessible(page);
    // Typed as people do: lower case, spaces instead of dashes.
    await page.getByLabel(S.recovery.label).fill(recoveryCode.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: S.pin.open, exact: true }).click();
    await expect.poll(() => focusedHeading(page)).toBe(S.recovery.resetTitle);
    await typePin(page, '135792', S.pin.next);
    await page.getByText(S.pin.confirmLabel).waitFor();
    await typePin(page, '135792', S.pin.save);
    await expect.poll(() => heading(page)).toBe(S.recovery.shownTitle);
    const renewed = await page.getByTestId('recovery-code').innerText();
    expect(renewed).not.toBe(recoveryCode);
    await page.getByRole('button', { name: S.recovery.stored }).click();
    await expect.poll(() => heading(page)).toBe(S.status.title);
    // The new PIN opens; the old one no longer does.
    await page.getByRole('button', { name: S.close }).click();
    await tapBrand(page, 5);
    await typePin(page, PIN, S.pin.open);
    await expect.poll(() => page.locator('#staff-unlock-message').innerText()).toBe(S.pin.wrong_other.replace('{{count}}', '4'));
    await typePin(page, '135792', S.pin.open);
    await expect.poll(() => heading(page)).toBe(S.status.title);
  });
});
