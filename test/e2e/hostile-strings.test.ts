/**
 * Hostile strings in what staff edit (issue 7, "Settings and directory"): the settings schema
 * bounds lengths and formats, and text that passes validation but holds markup reaches the
 * citizen screens (and the QR code, and the staff overview) as literal text — React escapes
 * it, nothing is created from it, nothing runs.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fr from '../../shared/i18n/locales/fr/ui.json';
import type { HelpPlace } from '../../shared/orientation/directory';
import { settingsSchema } from '../../shared/settings/schema';
import { startKioskBrowser, type KioskBrowser } from '../harness/kiosk-browser';
import { chooseFirstPin } from '../harness/staff-pin';
import { startVisit, walk, UI } from '../harness/walkthrough';
import { FAST_SCRYPT } from '../unit/export-fixtures';
import { NO_INTERNET } from './profiles';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=1</script>';
const SVG = '"><svg onload=window.__pwned=1>';
const JS_URL = 'javascript:alert(1)';
const RTL = '\u202Egnp.exe\u202C <b>bold</b>';
const IFRAME = '<iframe src="javascript:window.__pwned=1"></iframe>';
const ANCHOR = '<a href="javascript:window.__pwned=1">x</a>';
const ENTITIES = '&lt;b&gt; &amp; {{name}} $t(result.title)';
/** Exactly at the bounds: 80 characters of name, 160 of address and hours. */
const LONG_NAME = `${ANCHOR}${'N'.repeat(80 - ANCHOR.length)}`;
const LONG_ADDRESS = `${IMG}${'A'.repeat(160 - IMG.length)}`;
const LONG_HOURS = `${SVG}${'\u202E'.repeat(10)}${'H'.repeat(160 - SVG.length - 10)}`;
const PIN = '246810';

const HOSTILE_DIRECTORY: HelpPlace[] = [
  { id: 'hostile-procedure', name: IMG, kind: 'franceServices', address: SCRIPT, openingHours: SVG, phone: '03 27 00 00 00', serves: ['procedure'] },
  { id: 'hostile-equipment', name: RTL, kind: 'other', address: JS_URL, openingHours: IFRAME, phone: '+33 (0)3 27-00.00.00', serves: ['equipment', 'language', 'security'] },
  { id: 'hostile-learn', name: LONG_NAME, kind: 'labo', address: LONG_ADDRESS, openingHours: LONG_HOURS, phone: '', serves: ['learn', 'disability'] },
  { id: 'hostile-entities', name: ENTITIES, kind: 'centreSocial', address: ENTITIES, openingHours: ENTITIES, phone: '0', serves: ['learn'] },
];
const HOSTILE_SITE_NAME = '<img src=x onerror="window.__pwned=2">';

let kiosk: KioskBrowser;

beforeAll(async () => {
  kiosk = await startKioskBrowser({ services: { scrypt: FAST_SCRYPT } });
});
afterAll(async () => {
  await kiosk?.close();
});

const place = (patch: Partial<HelpPlace>): HelpPlace => ({ ...(HOSTILE_DIRECTORY[0] as HelpPlace), ...patch });

describe('settings and directory edited by staff', () => {
  it('the schema refuses over-long values, bad phone numbers and ids, extra fields, too many places', () => {
    const refused: [string, unknown][] = [
      ['name of 81 characters', { directory: [place({ name: 'N'.repeat(81) })] }],
      ['empty name', { directory: [place({ name: '   ' })] }],
      ['address of 161 characters', { directory: [place({ address: 'A'.repeat(161) })] }],
      ['hours of 301 characters (OpenStreetMap opening_hours, 300 at most)', { directory: [place({ openingHours: 'H'.repeat(301) })] }],
      ['hours of 10,000 characters', { directory: [place({ openingHours: `${IMG}${'H'.repeat(10_000)}` })] }],
      ['markup in the phone', { directory: [place({ phone: SCRIPT })] }],
      ['a URL in the phone', { directory: [place({ phone: JS_URL })] }],
      ['letters in the phone', { directory: [place({ phone: '03 27 AB CD EF' })] }],
      ['phone of 21 characters', { directory: [place({ phone: '0'.repeat(21) })] }],
      ['markup in the id', { directory: [place({ id: '"><svg onload=1>' })] }],
      ['unknown kind', { directory: [place({ kind: '<b>' as HelpPlace['kind'] })] }],
      ['unknown need', { directory: [place({ serves: ['<script>' as HelpPlace['serves'][number]] })] }],
      ['no need', { directory: [place({ serves: [] })] }],
      ['an extra field', { directory: [{ ...place({}), onclick: 'window.__pwned=1' }] }],
      ['a __proto__ field', { directory: [JSON.parse(`{${JSON.stringify(place({})).slice(1, -1)},"__proto__":{"isAdmin":true}}`) as unknown] }],
      ['301 places (300 at most: the national places of 55 communes)', { directory: Array.from({ length: 301 }, (_, i) => place({ id: `p-${i}` })) }],
      ['site name of 81 characters', { siteName: 'S'.repeat(81) }],
      ['markup in the site code', { siteCode: '<B>' }],
      ['a string for a place', { directory: [IMG] }],
    ];
    const before = JSON.stringify(kiosk.services.settings.get());
    for (const [label, patch] of refused) {
      const merged = { ...kiosk.services.settings.get(), ...(patch as object) };
      expect(settingsSchema.safeParse(merged).success, label).toBe(false);
      expect(() => kiosk.services.settings.update(patch as never), label).toThrow();
      expect(JSON.stringify(kiosk.services.settings.get()), `${label}: nothing stored`).toBe(before);
    }
    // Exactly at the bounds, with markup in it: valid (it is only text).
    const accepted = settingsSchema.safeParse({ ...kiosk.services.settings.get(), siteName: HOSTILE_SITE_NAME, directory: HOSTILE_DIRECTORY });
    expect(accepted.success, JSON.stringify(accepted.error?.issues)).toBe(true);
    expect(LONG_NAME).toHaveLength(80);
    expect(LONG_ADDRESS).toHaveLength(160);
    expect(LONG_HOURS).toHaveLength(160);
    expect(Object.prototype).not.toHaveProperty('isAdmin');
  });

  it('markup stored in the directory is shown as text on the result screen and in the QR code, and runs nothing', async () => {
    const stored = kiosk.services.settings.update({ directory: HOSTILE_DIRECTORY, siteName: HOSTILE_SITE_NAME });
    expect(stored.directory.map((p) => p.name)).toEqual(HOSTILE_DIRECTORY.map((p) => p.name));
    const { page } = kiosk;
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await kiosk.open();
    await startVisit(page, 'fr');
    await walk(page, 'fr', NO_INTERNET);
    await expect.poll(() => page.locator('h1').innerText()).toBe(UI.fr.result.title);
    const steps = page.locator('.step');
    expect(await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-need')))).toEqual(['procedure', 'equipment', 'learn']);
    // Give any injected handler (onerror of a failing image, onload of an svg) time to fire.
    await page.waitForTimeout(500);

    const texts = await steps.evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect(texts[0]).toContain(IMG);
    expect(texts[0]).toContain(SCRIPT);
    expect(texts[0]).toContain(SVG);
    expect(texts[1]).toContain(RTL);
    expect(texts[1]).toContain(JS_URL);
    expect(texts[1]).toContain(IFRAME);
    expect(texts[2]).toContain(LONG_NAME);
    expect(texts[2]).toContain(LONG_ADDRESS);
    expect(texts[2]).toContain(LONG_HOURS);

    await expectNothingInjected(page);
    // The step cards hold only the elements the screen itself makes.
    const tags = await steps.evaluateAll((els) => [...new Set(els.flatMap((e) => [...e.querySelectorAll('*')].map((c) => c.tagName.toLowerCase())))].sort());
    // <bdi>: addresses and phone numbers isolated left to right inside RTL text (issue 17).
    for (const tag of tags) expect(['a', 'bdi', 'dd', 'dl', 'dt', 'h3', 'p', 'span', 'strong'], `element <${tag}> in a step card`).toContain(tag);
    const links = await steps.locator('a').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
    for (const href of links) expect(href).not.toMatch(/javascript:/i);

    const qrText = await page.locator('img.qr__code').getAttribute('data-qr-text');
    expect(qrText).toContain(IMG);
    expect(qrText).toContain(SCRIPT);
    expect(qrText).toContain(JS_URL);
    expect(qrText).toContain(LONG_NAME);
    expect(await page.locator('img.qr__code').getAttribute('src')).toMatch(/^data:image\//);
    expect(dialogs).toEqual([]);
  });

  it('markup in the site name is shown as text in the staff overview', async () => {
    const { page } = kiosk;
    const S = fr.staff;
    await kiosk.open();
    for (let i = 0; i < 5; i++) await page.locator('[data-staff-gesture]').click();
    await page.getByRole('heading', { name: S.pin.firstTitle }).waitFor();
    await chooseFirstPin(page, PIN);
    await page.waitForTimeout(300);
    expect(await page.locator('main').first().textContent()).toContain(HOSTILE_SITE_NAME);
    await expectNothingInjected(page);
    // The directory screen lists the hostile names as text too.
    await page.getByRole('button', { name: S.nav.directory }).click();
    await page.getByText(LONG_NAME).first().waitFor();
    await page.waitForTimeout(300);
    const body = (await page.locator('body').textContent()) ?? '';
    for (const p of HOSTILE_DIRECTORY) expect(body).toContain(p.name);
    await expectNothingInjected(page);
  });
});

async function expectNothingInjected(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    imgX: document.querySelectorAll('img[src="x"]').length,
    onerror: document.querySelectorAll('[onerror]').length,
    onload: document.querySelectorAll('[onload]').length,
    svgOnload: document.querySelectorAll('svg[onload]').length,
    iframes: document.querySelectorAll('iframe').length,
    bodyScripts: [...document.querySelectorAll('script')].filter((s) => !s.src && (s.textContent ?? '').includes('__pwned')).length,
    jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
    bold: [...document.querySelectorAll('b')].filter((b) => b.textContent === 'bold').length,
  }));
  expect(found).toEqual({ pwned: undefined, imgX: 0, onerror: 0, onload: 0, svgOnload: 0, iframes: 0, bodyScripts: 0, jsLinks: 0, bold: 0 });
}
