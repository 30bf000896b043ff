/**
 * `node --import tsx scripts/staff-screenshots.mts [--out docs/screenshots]` (after a build):
 * the staff area's screens for docs/guide-personnel.md, taken in real Chromium through the
 * same harness as the end-to-end tests, on a temporary kiosk filled with simulated visits.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import fr from '../shared/i18n/locales/fr/ui.json';
import { startKioskBrowser } from '../test/harness/kiosk-browser';
import { FAST_SCRYPT, saveDrawnVisits } from '../test/unit/export-fixtures';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'docs/screenshots' } } });
const outDir = resolve(values.out);
mkdirSync(outDir, { recursive: true });
const S = fr.staff;
const usb = mkdtempSync(join(tmpdir(), 'reperes-usb-'));

const kiosk = await startKioskBrowser({ viewport: { width: 1280, height: 800 }, services: { chooseExportFolder: async () => usb, scrypt: FAST_SCRYPT } });
const { page } = kiosk;
saveDrawnVisits(kiosk.services, 240, 11, new Date());
const shot = async (name: string, fullPage = false) => {
  const file = join(outDir, `staff-${name}.png`);
  await page.screenshot({ path: file, fullPage });
  console.log(file);
};
const pin = async (digits: string, submit: string) => {
  const pad = page.getByRole('group', { name: S.pin.pad });
  for (const d of digits) await pad.getByRole('button', { name: d, exact: true }).click();
  await pad.getByRole('button', { name: submit, exact: true }).click();
};
const go = async (label: string, title: string) => {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.waitForTimeout(300);
};

try {
  await kiosk.open();
  // Show where to tap: a dashed frame around the brand, for the guide only.
  await page.addStyleTag({ content: '[data-staff-gesture]{outline:4px dashed #b45309;outline-offset:6px}' });
  await shot('01-geste');
  for (let i = 0; i < 5; i++) await page.locator('[data-staff-gesture]').click();
  await page.getByRole('heading', { name: S.pin.firstTitle }).waitFor();
  await page.waitForTimeout(300);
  await shot('02-premier-code');
  await pin('246810', S.pin.next);
  await pin('246810', S.pin.save);
  // The recovery code, shown once after the first PIN (a random code: the guide's picture is an example).
  await page.getByRole('heading', { level: 1, name: S.recovery.shownTitle }).waitFor();
  await page.waitForTimeout(300);
  await shot('13-code-de-secours');
  await page.getByRole('button', { name: S.recovery.stored }).click();
  await page.getByRole('heading', { level: 1, name: S.status.title }).waitFor();
  await page.waitForTimeout(300);
  await shot('03-etat');
  await go(S.nav.settings, S.settings.title);
  await page.getByLabel(S.settings.siteName).fill('Le Labo');
  await page.getByLabel(S.settings.siteCode).fill('LABO');
  await page.getByRole('button', { name: S.settings.save }).click();
  await page.getByText(S.settings.saved).waitFor();
  await shot('04-reglages', true);
  await go(S.nav.directory, S.directory.title);
  await shot('05-lieux', true);
  await page.getByRole('button', { name: S.directory.add }).click();
  await page.getByLabel(S.directory.name).fill('Médiathèque de Cambrai');
  await shot('06-lieu-nouveau', true);
  await page.getByRole('button', { name: S.directory.cancel }).click();
  await go(S.nav.export, S.export.title);
  await shot('07-export');
  await page.getByRole('button', { name: S.export.button }).click();
  await page.getByText(S.export.removeStick, { exact: false }).waitFor({ timeout: 30_000 });
  await shot('08-export-reussi');
  await go(S.nav.dashboard, S.dashboard.title);
  await page.locator('.staff-figure canvas').first().waitFor();
  await page.waitForTimeout(500);
  await shot('09-tableau-de-bord');
  await page.getByRole('heading', { level: 2, name: S.dashboard.chart.dsiByAge.title }).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -16));
  await shot('10-competences-par-age');
  await go(S.nav.logs, S.logs.title);
  await page.getByRole('button', { name: S.logs.support.button }).click();
  await page.getByText(S.export.removeStick, { exact: false }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(300);
  await shot('12-journal');
  await page.getByRole('button', { name: S.close }).click();
  await page.getByRole('button', { name: fr.attract.start, exact: true }).waitFor();
  for (let i = 0; i < 5; i++) await page.locator('[data-staff-gesture]').click();
  await page.getByRole('heading', { name: S.pin.unlockTitle }).waitFor();
  await page.waitForTimeout(300);
  await shot('11-code');
} finally {
  await kiosk.close();
}
