/**
 * Closing the staff area, with navigation denied as the kiosk window denies it in Electron
 * (test/harness/electron-navigation.ts runs the shell's real guard): Close, Cancel on the PIN
 * screen and the staff inactivity timeout all bring the waiting screen back for the next
 * visitor, with the settings just saved, without the page reloading itself (a reload is a
 * navigation the page starts, and the shell cancels every one of those).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fr from '../../shared/i18n/locales/fr/ui.json';
import { STAFF_IDLE_MS } from '../../renderer/src/staff/StaffArea';
import { startKioskBrowser, type KioskBrowser } from '../harness/kiosk-browser';
import { chooseFirstPin, typePin } from '../harness/staff-pin';
import { FAST_SCRYPT } from '../unit/export-fixtures';

const S = fr.staff;
const PIN = '135790';
let kiosk: KioskBrowser;

beforeAll(async () => {
  kiosk = await startKioskBrowser({ likeElectron: true, services: { scrypt: FAST_SCRYPT } });
  // Time runs as usual, but the staff inactivity timeout (5 min) can be jumped to.
  await kiosk.page.clock.install();
  await kiosk.open();
  await markDocument(kiosk.page);
});

afterAll(async () => {
  await kiosk?.close();
});

/** A mark in the page's memory: a reload (a new document) would lose it. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { __sameDocument: 'yes' }));
}

async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __sameDocument?: string }).__sameDocument === 'yes');
}

async function openStaffArea(page: Page): Promise<void> {
  for (let i = 0; i < 5; i++) await page.locator('[data-staff-gesture]').click();
  await page.locator('.staff').waitFor();
}

/** The waiting screen is back, and nothing of the staff area is left on screen. */
async function expectWaitingScreen(page: Page): Promise<void> {
  const back = await expect
    .poll(() => page.getByRole('button', { name: fr.attract.start, exact: true }).count(), { timeout: 5_000 })
    .toBe(1)
    .then(() => true, () => false);
  // On failure, say what the page tried: a cancelled reload is the classic cause.
  expect(back, `waiting screen not back; page-started navigations: ${JSON.stringify(kiosk.electronNavigation?.pageNavigations)}`).toBe(true);
  expect(await page.locator('.staff').count()).toBe(0);
}

describe('Chromium, as Electron’s navigation throttle sees it', () => {
  // Electron emits 'will-navigate' for navigations the renderer starts, never for the
  // shell's loadURL (electron_navigation_throttle.cc). That location.reload() is one of the
  // former, to a new document, is Chromium's behaviour: checked here in real Chromium.
  it('location.reload() is a navigation the page requests, for a new document; a load by the browser is not', async () => {
    const page = await kiosk.context.newPage();
    const cdp = await kiosk.context.newCDPSession(page);
    await cdp.send('Page.enable');
    const requested: { reason: string; url: string }[] = [];
    cdp.on('Page.frameRequestedNavigation', (event) => requested.push({ reason: event.reason, url: event.url }));
    const documents: string[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest()) documents.push(request.url());
    });
    await page.goto(`${kiosk.origin}/`);
    expect(requested).toEqual([]);
    await Promise.all([page.waitForEvent('load'), page.evaluate(() => window.location.reload())]);
    expect(requested).toEqual([{ reason: 'reload', url: `${kiosk.origin}/` }]);
    expect(documents).toEqual([`${kiosk.origin}/`, `${kiosk.origin}/`]);
    // A change of hash stays in the same document: no navigation request at all.
    await page.evaluate(() => {
      window.location.hash = '#x';
    });
    expect(documents).toHaveLength(2);
    await page.close();
  });
});

describe('closing the staff area, with navigation denied as in Electron', () => {
  it('Close: back to the waiting screen, in the same document, with the settings just saved', async () => {
    const { page } = kiosk;
    await openStaffArea(page);
    await chooseFirstPin(page, PIN);
    // Saved while the staff area is open (the settings screen does the same).
    kiosk.services.settings.update({ enabledLanguages: ['fr', 'ar'] });

    await page.getByRole('button', { name: S.close }).click();
    await expectWaitingScreen(page);
    expect(kiosk.services.staffAuth.status().unlocked).toBe(false);
    // The waiting screen offers exactly the languages now enabled.
    expect(await page.locator('.attract__languages li').evaluateAll((items) => items.map((li) => li.getAttribute('lang')))).toEqual(['ar']);
    expect(await sameDocument(page)).toBe(true);
    expect(kiosk.electronNavigation?.pageNavigations).toEqual([]);
  });

  it('Cancel on the PIN screen: back to the waiting screen', async () => {
    const { page } = kiosk;
    await openStaffArea(page);
    await page.getByRole('heading', { name: S.pin.unlockTitle }).waitFor();
    await page.getByRole('button', { name: S.backToKiosk }).click();
    await expectWaitingScreen(page);
    expect(await sameDocument(page)).toBe(true);
    expect(kiosk.electronNavigation?.pageNavigations).toEqual([]);
  });

  it('after five minutes without a touch: locked and back to the waiting screen', async () => {
    const { page } = kiosk;
    await openStaffArea(page);
    await typePin(page, PIN, S.pin.open);
    await page.getByRole('heading', { name: S.status.title }).waitFor();
    expect(kiosk.services.staffAuth.status().unlocked).toBe(true);
    await page.clock.fastForward(STAFF_IDLE_MS + 1_000);
    await expectWaitingScreen(page);
    expect(kiosk.services.staffAuth.status().unlocked).toBe(false);
    expect(await sameDocument(page)).toBe(true);
    expect(kiosk.electronNavigation?.pageNavigations).toEqual([]);
  });

  it('a visitor can then go through: the kiosk flow runs afresh', async () => {
    const { page } = kiosk;
    await page.getByRole('button', { name: fr.attract.start, exact: true }).click();
    await expect.poll(() => page.locator('h1').first().innerText()).not.toBe(fr.attract.title);
    expect(await page.locator('.staff').count()).toBe(0);
  });
});
