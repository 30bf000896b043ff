/**
 * axe-core on every citizen screen (issue 4, docs/accessibility.md: EN 301 549, RGAA 4.1, WCAG 2.2 AA),
 * in the built renderer in real Chromium: French and Arabic, text at 100 % and 200 %, normal
 * and high contrast, each set through the header buttons a citizen uses. Zero violations.
 *
 * One browser and one walk per language; on each screen the four display combinations are
 * checked in turn. The screens: waiting screen, language (French, and Arabic after "Back"),
 * privacy, a single-choice question, the commune list, the internet-use question with what it
 * counts, its confirmation for smartphone owners, an item-by-item screen, a multiple-choice
 * question, the five exercises, the help banner, "Vous êtes toujours là ?", the result with
 * the professional view opened, and the thanks.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIVE_NAMES } from '../../shared/i18n/languages';
import { combosFromCurrent, DISPLAY_COMBOS, setDisplay, showStillThere, type DisplayCombo } from '../harness/display';
import { startKioskBrowser, type KioskBrowser } from '../harness/kiosk-browser';
import { walk, UI } from '../harness/walkthrough';
import { EVERY_SCREEN as PLAN } from './profiles';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** One question of each kind: single choice, the commune list, what counts, item by item, multiple choice, the five exercises. */
const QUESTIONS = ['ageBand', 'commune', 'internetUse', 'internetUseCheck', 'actInformation', 'wantsToLearn', 'exTap', 'exScroll', 'exType', 'exPhishing', 'exSecureSite'];

const LANGS = ['fr', 'ar'] as const;
type Lang = (typeof LANGS)[number];

let kiosk: KioskBrowser;
const checked = new Set<string>();
const problems: string[] = [];

beforeAll(async () => {
  kiosk = await startKioskBrowser();
});
afterAll(async () => {
  await kiosk?.close();
});

const label = (lang: Lang, screen: string, c: DisplayCombo) => `${lang} · ${screen} · ${c.percent} % · ${c.contrast}`;

/** axe on the whole page as it is now; violations are kept with their rule and nodes. */
async function axe(name: string): Promise<void> {
  // axe-core is injected once per page load and reused on the next screens of the same page
  // (AxeBuilder would otherwise parse its half-megabyte source twice on every run).
  const loaded = await kiosk.page.evaluate(() => typeof (window as { axe?: unknown }).axe !== 'undefined');
  const results = await new AxeBuilder({ page: kiosk.page, ...(loaded ? { axeSource: 'void 0' } : {}) })
    .withTags(AXE_TAGS)
    .options({ resultTypes: ['violations'] })
    // The kiosk has no frame: the single-page run avoids opening a page to merge frame results.
    .setLegacyMode()
    .analyze();
  checked.add(name);
  for (const v of results.violations) {
    const nodes = v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`).join('\n');
    problems.push(`${name}: ${v.id} (${v.impact ?? ''}) ${v.help}\n${nodes}`);
  }
}

/** The current screen in all four display combinations. */
async function check(lang: Lang, screen: string): Promise<void> {
  for (const combo of await combosFromCurrent(kiosk.page)) {
    await setDisplay(kiosk.page, combo);
    await axe(label(lang, screen, combo));
  }
}

function expected(lang: Lang): string[] {
  const screens = [
    ...(lang === 'fr' ? ['attract', 'language'] : ['language']),
    'privacy',
    ...QUESTIONS.map((id) => `question ${id}`),
    'help banner',
    'still there?',
    'result (professional view)',
    'thanks',
  ];
  return screens.flatMap((screen) => DISPLAY_COMBOS.map((c) => label(lang, screen, c)));
}

describe.each(LANGS)('axe, every citizen screen in %s', (lang) => {
  it('the whole visit, at 100 % and 200 % text, normal and high contrast: no violation', { timeout: 240_000 }, async () => {
    const { page } = kiosk;
    const ui = UI[lang];
    const before = problems.length;
    await kiosk.open({ thanks: 600_000 });
    // The waiting and language screens are in French until a language is chosen.
    if (lang === 'fr') await check(lang, 'attract');
    await page.getByRole('button', { name: UI.fr.attract.start, exact: true }).click();
    await page.getByRole('option', { name: NATIVE_NAMES[lang], exact: true }).waitFor();
    if (lang === 'fr') await check(lang, 'language');
    await page.getByRole('option', { name: NATIVE_NAMES[lang], exact: true }).click();
    await page.getByRole('button', { name: ui.privacy.continue }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(lang === 'ar' ? ['ar', 'rtl'] : ['fr', 'ltr']);
    await check(lang, 'privacy');
    if (lang === 'ar') {
      // "Back" from the privacy screen: the language screen, now in Arabic and right to left.
      await page.getByRole('button', { name: ui.nav.back }).click();
      await page.getByRole('heading', { level: 1, name: ui.language.title }).waitFor();
      await check(lang, 'language');
      await page.getByRole('option', { name: NATIVE_NAMES[lang], exact: true }).click();
    }
    await page.getByRole('button', { name: ui.privacy.continue }).click();
    await page.locator('main[data-question]').waitFor();

    await walk(page, lang, PLAN, {
      beforeAnswer: async (id) => {
        if (QUESTIONS.includes(id)) await check(lang, `question ${id}`);
        if (id === 'ageBand') {
          await page.getByRole('button', { name: ui.help.button }).click();
          await page.getByRole('status').filter({ hasText: ui.help.coming }).waitFor();
          await check(lang, 'help banner');
          await page.getByRole('button', { name: ui.help.cancel, exact: true }).click();
        }
      },
    });

    await page.getByRole('heading', { level: 1, name: ui.result.title }).waitFor();
    await page.getByText(ui.result.professionalView).click();
    expect(await page.locator('details.professional').getAttribute('open')).not.toBeNull();
    await check(lang, 'result (professional view)');
    await page.getByRole('button', { name: ui.nav.finish }).click();
    await page.getByRole('heading', { level: 1, name: ui.thanks.title }).waitFor();
    await check(lang, 'thanks');

    // "Vous êtes toujours là ?", with a shortened idle delay; after "Oui, je continue" the next
    // combination is set and nobody touches anything until the dialog comes back.
    const dialog = page.getByRole('alertdialog', { name: ui.idle.title });
    for (const [i, combo] of DISPLAY_COMBOS.entries()) {
      if (i === 0) await showStillThere(kiosk, NATIVE_NAMES[lang], ui.idle.title, combo);
      else {
        await page.getByRole('button', { name: ui.idle.continue }).click();
        await dialog.waitFor({ state: 'detached' });
        await setDisplay(page, combo);
        await dialog.waitFor({ timeout: 15_000 });
      }
      await axe(label(lang, 'still there?', combo));
    }

    expect(problems.slice(before).join('\n\n')).toBe('');
    const missing = expected(lang).filter((name) => !checked.has(name));
    expect(missing).toEqual([]);
  });
});
