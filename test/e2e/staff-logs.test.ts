/**
 * The staff journal and the support bundle end to end, in real Chromium on the built renderer
 * with the real main-process handlers: the discreet gesture, the first PIN, a wrong PIN, the
 * journal showing those events (newest first, in a keyboard-scrollable table, never a PIN),
 * then a support bundle written to the folder staff pick, holding no answer.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fr from '../../shared/i18n/locales/fr/ui.json';
import { completedRecord } from '../fixtures/records';
import { startKioskBrowser, type KioskBrowser } from '../harness/kiosk-browser';
import { chooseFirstPin, typePin } from '../harness/staff-pin';
import { FAST_SCRYPT } from '../unit/export-fixtures';

const S = fr.staff;
const L = fr.staff.logs;
const PIN = '246810';
const WRONG_PIN = '135790';
let kiosk: KioskBrowser;
let usb: string;

beforeAll(async () => {
  usb = mkdtempSync(join(tmpdir(), 'reperes-usb-'));
  kiosk = await startKioskBrowser({ services: { chooseExportFolder: async () => usb, scrypt: FAST_SCRYPT, backups: false } });
  for (let i = 0; i < 3; i++) await kiosk.services.handlers['session:save'](completedRecord());
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

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(join(dir, f)).isFile());
}

describe('the staff journal and the support bundle', () => {
  it('opens the staff area: five taps, the first PIN; then a wrong PIN and the right one', async () => {
    const { page } = kiosk;
    await kiosk.open();
    await tapBrand(page, 5);
    expect(await heading(page)).toBe(S.pin.firstTitle);
    await chooseFirstPin(page, PIN);
    await expect.poll(() => heading(page)).toBe(S.status.title);

    await page.getByRole('button', { name: S.close }).click();
    await page.getByRole('button', { name: fr.attract.start, exact: true }).waitFor();
    await tapBrand(page, 5);
    expect(await heading(page)).toBe(S.pin.unlockTitle);
    await typePin(page, WRONG_PIN, S.pin.open);
    await expect.poll(() => page.getByRole('status').first().innerText()).toBe(S.pin.wrong_other.replace('{{count}}', '4'));
    await typePin(page, PIN, S.pin.open);
    await expect.poll(() => heading(page)).toBe(S.status.title);
  });

  it('shows the journal, newest first, readable and keyboard-scrollable, without the PIN', async () => {
    const { page } = kiosk;
    await page.getByRole('button', { name: S.nav.logs }).click();
    await expect.poll(() => focusedHeading(page)).toBe(L.title);
    const table = page.getByRole('table');
    await table.waitFor();
    const rows = table.locator('tbody tr');
    const events = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-event')));
    // Newest first: the unlock just now, the wrong PIN before it, the kiosk's start at the end.
    expect(events.slice(0, 2)).toEqual(['staff.unlocked', 'staff.wrongPin']);
    expect(events.at(-1)).toBe('app.start');
    // Words staff understand, not codes.
    expect(await rows.nth(0).innerText()).toContain(L.events.staff.unlocked);
    const wrong = await rows.nth(1).innerText();
    expect(wrong).toContain(L.events.staff.wrongPin);
    expect(wrong).toContain(L.levels.warn);
    expect(wrong).toContain(`${L.detail.attemptsLeft} : 4`);
    expect(await rows.last().innerText()).toContain(L.events.app.start);
    // The time of day, to the minute, in the kiosk's time zone.
    expect(await rows.nth(0).locator('th').innerText()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

    const shown = await page.locator('main').innerText();
    expect(shown).not.toContain(PIN);
    expect(shown).not.toContain(WRONG_PIN);

    // The table's box takes the keyboard focus (Tab from "Refresh"), so a long journal scrolls.
    await page.getByRole('button', { name: L.refresh }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('region');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby'))).toBe('staff-journal-title');

    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('writes a support bundle to the chosen folder, with no answer in it, and the journal records it', async () => {
    const { page } = kiosk;
    await page.getByRole('button', { name: L.support.button }).click();
    const result = page.locator('#staff-support-result');
    await expect.poll(() => result.innerText(), { timeout: 20_000 }).toContain(S.export.removeStick);

    const folders = readdirSync(usb).filter((f) => f.startsWith('reperes-assistance-'));
    expect(folders).toHaveLength(1);
    const root = join(usb, folders[0] as string);
    expect(await result.innerText()).toContain(folders[0]);
    expect(existsSync(join(root, 'manifest.json'))).toBe(true);
    expect(filesUnder(root).sort()).toEqual(['LISEZMOI.txt', 'export-log.json', join('logs', 'reperes.log'), 'manifest.json', 'status.json']);
    const status = JSON.parse(readFileSync(join(root, 'status.json'), 'utf8'));
    expect(status.sessions).toMatchObject({ completed: 3, abandoned: 0 });
    const everything = filesUnder(root)
      .map((f) => readFileSync(join(root, f), 'utf8'))
      .join('\n');
    for (const secret of ['A60_74', 'C59122', PIN, WRONG_PIN]) expect(everything).not.toContain(secret);

    // The journal reloads after the bundle: its line is now the newest.
    await expect.poll(() => page.locator('tbody tr').first().getAttribute('data-event')).toBe('support.written');
  });
});
