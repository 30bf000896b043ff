/**
 * Opening hours on the kiosk, in real Chromium with the real main-process handlers: outside
 * the site's hours the waiting screen becomes a calm, dimmed "closed, come back at…" screen in
 * every enabled language (axe-clean, staff gesture still working); the result screen and the
 * printed ticket say whether each place is open now, or when it opens next.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fr from '../../shared/i18n/locales/fr/ui.json';
import ar from '../../shared/i18n/locales/ar/ui.json';
import { DEFAULT_DIRECTORY } from '../../shared/orientation/default-directory';
import { startKioskBrowser, type KioskBrowser } from '../harness/kiosk-browser';
import { startVisit, walk } from '../harness/walkthrough';
import { BASIC_USER } from './profiles';
import { FAST_SCRYPT } from '../unit/export-fixtures';

let kiosk: KioskBrowser;
const DAYS = ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'];

/** OSM hours open only on the day `days` from now, 09:00-10:00 (so closed now, whatever the hour). */
function onlyIn(days: number): string {
  return `${DAYS[new Date(Date.now() + days * 86_400_000).getDay()]} 09:00-10:00`;
}

beforeAll(async () => {
  kiosk = await startKioskBrowser({ services: { scrypt: FAST_SCRYPT, backups: false } });
});
afterAll(async () => {
  await kiosk?.close();
});

async function axe(): Promise<string[]> {
  const results = await new AxeBuilder({ page: kiosk.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('outside the site’s hours', () => {
  it('shows a calm, dimmed "closed, come back…" screen in every enabled language, and staff can still get in', async () => {
    kiosk.services.settings.update({ openingHours: onlyIn(3) });
    const { page } = kiosk;
    await page.goto(`${kiosk.origin}/`);
    await page.getByRole('heading', { level: 1, name: fr.closed.title }).waitFor();
    expect(await page.getByRole('button', { name: fr.attract.start, exact: true }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.classList.contains('kiosk-closed'))).toBe(true);
    const lead = await page.locator('main.closed .lead').innerText();
    expect(lead).toMatch(/^Revenez \S+ \d{2}:\d{2}\.$/);
    // Said with the time as a voice says it, each enabled language in its own voice (day-hours.ts).
    const day = new Intl.DateTimeFormat('fr', { weekday: 'long' }).format(Date.now() + 3 * 86_400_000);
    const said = await page.evaluate(() => (window as unknown as { __audible: { items: () => unknown[] } }).__audible.items());
    expect(said).toContainEqual({ text: `Revenez ${day} 9 heures.`, lang: 'fr' });
    expect(said).toContainEqual({ key: 'closed.title', lng: 'ar' });
    // Arabic too, in its own direction.
    const arabic = page.locator('main.closed li[lang="ar"]');
    expect(await arabic.getAttribute('dir')).toBe('rtl');
    expect(await arabic.innerText()).toContain(ar.closed.title);
    expect(await axe()).toEqual([]);
    for (let i = 0; i < 5; i++) await page.locator('[data-staff-gesture]').click();
    await page.getByRole('heading', { name: fr.staff.pin.firstTitle }).waitFor();
  });

  it('with no opening in sight: "come back when the centre is open"; and open hours bring the waiting screen back', async () => {
    const { page } = kiosk;
    kiosk.services.settings.update({ openingHours: 'Feb 29 09:00-10:00' });
    await page.goto(`${kiosk.origin}/`);
    await page.getByText(fr.closed.comeBackLater).first().waitFor();
    kiosk.services.settings.update({ openingHours: '24/7' });
    await kiosk.open();
    expect(await page.evaluate(() => document.documentElement.classList.contains('kiosk-closed'))).toBe(false);
  });
});

describe('the result screen and the ticket', () => {
  it('say whether each next step is open now, or when it opens next', async () => {
    const { page } = kiosk;
    kiosk.services.settings.update({
      openingHours: '',
      directory: DEFAULT_DIRECTORY.map((p) => (p.id === 'le-labo' ? { ...p, openingHours: '24/7' } : { ...p, openingHours: onlyIn(2) })),
    });
    await kiosk.open();
    await startVisit(page, 'fr');
    await walk(page, 'fr', { ...BASIC_USER, wantsToLearn: ['EMAIL'], barriers: ['FEAR_FRAUD'], procedureSoon: 'YES' });
    await page.getByRole('heading', { level: 1, name: fr.result.title }).waitFor();
    const states = await page.locator('.step__open').evaluateAll((els) => els.map((e) => [e.getAttribute('data-open'), e.textContent]));
    expect(states.length).toBeGreaterThanOrEqual(2);
    expect(states).toContainEqual(['open', fr.hours.openNow]);
    const closed = states.find(([state]) => state === 'closed')?.[1] ?? '';
    expect(closed).toMatch(new RegExp(`^${fr.hours.closedNow} · Prochaine ouverture : \\S+ 09:00$`));
    const ticket = await page.locator('pre.ticket').textContent();
    expect(ticket).toContain(fr.hours.openNow);
    expect(ticket).toContain(closed);
    // "Écouter" reads each place's day in full, in the visitor's voice (shared/opening/day-hours.ts).
    const said = await page.evaluate(() => (window as unknown as { __audible: { items: () => unknown[] } }).__audible.items());
    expect(said).toContainEqual({ text: "Ouvert toute la journée aujourd'hui.", lang: 'fr' });
    expect(said).toContainEqual({ text: "Fermé aujourd'hui.", lang: 'fr' });
    expect(await axe()).toEqual([]);
  });
});
