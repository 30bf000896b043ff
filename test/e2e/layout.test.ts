/**
 * The layout holds (issue 4, docs/accessibility.md): on every citizen screen (every question in French,
 * one of each layout in Arabic), at 100 % and 200 % text,
 * on the landscape kiosk (1280×800) and the portrait one (1080×1920), nothing scrolls sideways
 * and every control is at least 44×44 CSS px. Arabic and Dari are right to left and mirrored;
 * the display settings go back to their defaults after each visit.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIVE_NAMES } from '../../shared/i18n/languages';
import { CONTRAST_BUTTON, displayOf, setDisplay, showStillThere, TEXT_SIZE_BUTTON, type TextPercent } from '../harness/display';
import { startKioskBrowser, type KioskBrowser } from '../harness/kiosk-browser';
import { currentQuestionId, startVisit, walk, UI } from '../harness/walkthrough';
import { EVERY_SCREEN as PLAN, NO_INTERNET } from './profiles';

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1080, height: 1920 },
] as const;
const PERCENTS: TextPercent[] = [100, 200];
const MIN_TARGET = 44;
/**
 * In Arabic, one question of each layout (French checks every question): single choice with
 * and without pictograms, the commune list, what a question counts, the confirmation, item by
 * item (the longest screen), multiple choice, the five exercises.
 */
const ARABIC_QUESTIONS = ['ageBand', 'commune', 'accompanied', 'internetUse', 'internetUseCheck', 'actContent', 'taskUnlock', 'exTap', 'exScroll', 'exType', 'exPhishing', 'exSecureSite', 'wantsToLearn'];

let kiosk: KioskBrowser;

beforeAll(async () => {
  kiosk = await startKioskBrowser();
});
afterAll(async () => {
  await kiosk?.close();
});

interface Measure {
  scrollWidth: number;
  innerWidth: number;
  small: string[];
}

/** Sideways overflow and the controls smaller than 44×44 on the page as it is now. */
function measure(page: Page): Promise<Measure> {
  return page.evaluate((min) => {
    const controls = document.querySelectorAll<HTMLElement>('button, [role="radio"], [role="checkbox"], a[href], input, select, textarea, summary');
    const small: string[] = [];
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      // Only what is shown (not inside a closed <details> or a hidden part).
      if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (box.width < min - 0.5 || box.height < min - 0.5) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
        small.push(`${el.tagName.toLowerCase()}.${el.className} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, small };
  }, MIN_TARGET);
}

interface Fold {
  /** What is not fully on screen, without scrolling, of what must be. */
  hidden: string[];
  /** Whether answers continue below the navigation, and whether the cue says so. */
  moreBelow: boolean;
  cue: boolean;
}

/**
 * The first screenful of a question (issue 17): its title, its first answer and Retour /
 * Suivant visible without scrolling (nothing under the sticky navigation); the "more below"
 * cue shown exactly when answers continue below.
 */
function fold(page: Page): Promise<Fold> {
  return page.evaluate(() => {
    window.scrollTo(0, 0);
    const hidden: string[] = [];
    const nav = document.querySelector('main .screen__nav')!.getBoundingClientRect();
    const limit = Math.min(nav.top, window.innerHeight);
    const title = document.querySelector('main h1')!.getBoundingClientRect();
    if (title.top < 0 || title.bottom > limit + 0.5) hidden.push(`title ${Math.round(title.top)}–${Math.round(title.bottom)} (fold ${Math.round(limit)})`);
    const first = document.querySelector('main [role="radio"], main [role="checkbox"]')?.getBoundingClientRect();
    if (first && first.bottom > limit + 0.5) hidden.push(`first answer ${Math.round(first.top)}–${Math.round(first.bottom)} (fold ${Math.round(limit)})`);
    for (const button of document.querySelectorAll('main .screen__nav > button')) {
      const box = button.getBoundingClientRect();
      if (box.bottom > window.innerHeight + 0.5 || box.top < 0) hidden.push(`${(button.textContent ?? '').trim()} ${Math.round(box.top)}–${Math.round(box.bottom)}`);
    }
    const end = document.querySelector('main .answers-end')!.getBoundingClientRect();
    return { hidden, moreBelow: end.top > limit + 1, cue: document.querySelector('main [data-more-below]') !== null };
  });
}

const problems: string[] = [];
const checked = new Set<string>();
const folds = new Set<string>();

/** The current screen at both viewports and both text sizes (contrast does not change sizes). */
async function check(page: Page, screen: string): Promise<void> {
  for (const [i, viewport] of VIEWPORTS.entries()) {
    await page.setViewportSize(viewport);
    // 100 then 200 on the first viewport, 200 then 100 on the second: fewer presses.
    // Question screens are also checked at 150 %: "every text size" for what must be seen first.
    const percents: TextPercent[] = screen.includes('question ') ? [100, 150, 200] : PERCENTS;
    for (const percent of i % 2 === 0 ? percents : [...percents].reverse()) {
      await setDisplay(page, { percent, contrast: 'normal' });
      const m = await measure(page);
      const where = `${screen} · ${viewport.width}×${viewport.height} · ${percent} %`;
      checked.add(where);
      if (screen.includes('question ')) {
        const f = await fold(page);
        folds.add(where);
        for (const h of f.hidden) problems.push(`${where}: not visible without scrolling: ${h}`);
        if (f.moreBelow !== f.cue) problems.push(`${where}: answers below the fold ${f.moreBelow}, cue shown ${f.cue}`);
      }
      if (m.scrollWidth > m.innerWidth) problems.push(`${where}: scrolls sideways (${m.scrollWidth} > ${m.innerWidth})`);
      for (const s of m.small) problems.push(`${where}: target under ${MIN_TARGET}×${MIN_TARGET}: ${s}`);
    }
  }
  await page.setViewportSize(VIEWPORTS[0]);
}

describe.each(['fr', 'ar'] as const)('no sideways scrolling and 44×44 targets in %s', (lang) => {
  it('every screen, at 100 % and 200 %, 1280×800 and 1080×1920', { timeout: 180_000 }, async () => {
    const { page } = kiosk;
    const ui = UI[lang];
    const before = problems.length;
    const screens: string[] = [];
    const at = async (screen: string) => {
      screens.push(screen);
      await check(page, `${lang} ${screen}`);
    };
    await kiosk.open({ thanks: 600_000 });
    if (lang === 'fr') await at('attract');
    await page.getByRole('button', { name: UI.fr.attract.start, exact: true }).click();
    await page.getByRole('option', { name: NATIVE_NAMES[lang], exact: true }).waitFor();
    if (lang === 'fr') await at('language');
    await page.getByRole('option', { name: NATIVE_NAMES[lang], exact: true }).click();
    await page.getByRole('button', { name: ui.privacy.continue }).waitFor();
    await at('privacy');
    await page.getByRole('button', { name: ui.privacy.continue }).click();
    await page.locator('main[data-question]').waitFor();
    await walk(page, lang, PLAN, {
      beforeAnswer: async (id) => {
        if (lang === 'fr' || ARABIC_QUESTIONS.includes(id)) await at(`question ${id}`);
        if (id === 'exPhishing' && lang === 'ar') {
          // The scam link in the Arabic sentence keeps its order (issue 17: "-colis / livr4ison.info"):
          // isolated left to right, "colis-" drawn left of "livr4ison".
          const link = await page.locator('main .card-choice__body bdi').first().evaluate((el) => {
            const range = document.createRange();
            const text = el.textContent ?? '';
            const box = (start: number) => {
              range.setStart(el.firstChild!, start);
              range.setEnd(el.firstChild!, start + 1);
              return range.getBoundingClientRect();
            };
            const [first, last] = [box(0), box(text.length - 1)];
            return { text, direction: getComputedStyle(el).direction, inOrder: Math.abs(first.top - last.top) < 2 ? first.left < last.left : first.top < last.top };
          });
          expect(link).toEqual({ text: 'colis-livr4ison.info', direction: 'ltr', inOrder: true });
        }
        if (id === 'ageBand') {
          await page.getByRole('button', { name: ui.help.button }).click();
          await at('help banner');
          await page.getByRole('button', { name: ui.help.cancel, exact: true }).click();
        }
      },
    });
    await page.getByRole('heading', { level: 1, name: ui.result.title }).waitFor();
    await page.getByText(ui.result.professionalView).click();
    await at('result (professional view)');
    if (lang === 'ar') {
      // A French address in the Arabic result keeps its order (issue 17: "rue Louis Renard,
      // 59400 2 / Cambrai"): its postcode is drawn left of the town that follows it.
      const order = await page.locator('main .step dd bdi').first().evaluate((el) => {
        const text = el.textContent ?? '';
        const node = el.firstChild!;
        const postcode = /\d{5}/.exec(text);
        const box = (start: number, end: number) => {
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, end);
          return range.getBoundingClientRect();
        };
        // The postcode and the town after it ("59400 Cambrai").
        const at = postcode?.index ?? 0;
        const first = box(at, at + 5);
        const last = box(at + 6, at + 7);
        const style = getComputedStyle(el);
        return { text, firstLeft: first.left, lastLeft: last.left, sameLine: Math.abs(first.top - last.top) < 2, direction: style.direction, isolated: style.unicodeBidi };
      });
      expect(order.text).toMatch(/\d{5}/);
      expect(order).toMatchObject({ direction: 'ltr', isolated: 'isolate' });
      // On one line (the column may be narrow), left to right.
      if (order.sameLine) expect(order.firstLeft, order.text).toBeLessThan(order.lastLeft);
    }
    await page.getByRole('button', { name: ui.nav.finish }).click();
    await page.getByRole('heading', { level: 1, name: ui.thanks.title }).waitFor();
    await at('thanks');

    // "Vous êtes toujours là ?": the size is set before it appears, the viewport while it shows.
    const dialog = page.getByRole('alertdialog', { name: ui.idle.title });
    for (const [i, percent] of PERCENTS.entries()) {
      if (i === 0) await showStillThere(kiosk, NATIVE_NAMES[lang], ui.idle.title, { percent, contrast: 'normal' });
      else {
        await page.getByRole('button', { name: ui.idle.continue }).click();
        await dialog.waitFor({ state: 'detached' });
        await setDisplay(page, { percent, contrast: 'normal' });
        await dialog.waitFor({ timeout: 15_000 });
      }
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        const m = await measure(page);
        const where = `${lang} still there? · ${viewport.width}×${viewport.height} · ${percent} %`;
        checked.add(where);
        if (m.scrollWidth > m.innerWidth) problems.push(`${where}: scrolls sideways (${m.scrollWidth} > ${m.innerWidth})`);
        for (const s of m.small) problems.push(`${where}: target under ${MIN_TARGET}×${MIN_TARGET}: ${s}`);
      }
    }
    await page.setViewportSize(VIEWPORTS[0]);

    expect(problems.slice(before).join('\n')).toBe('');
    // The age question at 200 % on the landscape kiosk: the case issue 17 was filed for.
    expect(folds.has(`${lang} question ageBand · 1280×800 · 200 %`)).toBe(true);
    expect(folds.has(`${lang} question commune · 1080×1920 · 150 %`)).toBe(true);
    expect(screens).toEqual(expect.arrayContaining(['privacy', 'question ageBand', 'question commune', 'question exTap', 'question exType', 'help banner', 'thanks']));
    for (const screen of [...screens, 'still there?'])
      for (const v of VIEWPORTS) for (const p of PERCENTS) expect(checked.has(`${lang} ${screen} · ${v.width}×${v.height} · ${p} %`), `${screen} ${v.width} ${p}`).toBe(true);
  });
});

/** The box of the first element matching `selector`. */
async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not shown`);
  return b;
}

describe('right to left, and each language\'s numbers', () => {
  it('Arabic: <html lang="ar" dir="rtl">, a mirrored layout, an on-screen keyboard kept left to right', async () => {
    const { page } = kiosk;
    const ar = UI.ar;
    await page.setViewportSize(VIEWPORTS[0]);
    await kiosk.open();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fr', 'ltr']);
    // The privacy screen says the default 90 + 30 s as the dual "دقيقتين", never "2 دقيقة".
    await page.getByRole('button', { name: UI.fr.attract.start, exact: true }).click();
    await page.getByRole('option', { name: NATIVE_NAMES.ar, exact: true }).click();
    await expect(page.locator('main .points').textContent()).resolves.toContain('بعد دقيقتين دون لمس الشاشة');
    await page.getByRole('button', { name: ar.privacy.continue }).click();
    await page.locator('main[data-question]').waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    const width = VIEWPORTS[0].width;

    // The header: the brand on the right, "Ask for help" at the inline end, i.e. on the left.
    const help = await box(page, '.kiosk__bar > .button--help');
    const brand = await box(page, '.kiosk__brand');
    expect(help.x + help.width).toBeLessThan(width / 2);
    expect(brand.x).toBeGreaterThan(width / 2);

    // The navigation: Back on the right, Next to its left; the arrows point the other way.
    await page.locator('[data-code="A40_59"]').click();
    const next = await box(page, 'main .screen__nav .button--primary');
    const back = await box(page, `main .screen__nav button:has-text("${ar.nav.back}")`);
    expect(next.x + next.width).toBeLessThanOrEqual(back.x);
    const transforms = await page.locator('main .pictogram--directional').evaluateAll((els) => els.map((e) => getComputedStyle(e).transform));
    expect(transforms.length).toBe(2);
    for (const t of transforms) expect(t).toBe('matrix(-1, 0, 0, 1, 0, 0)');

    // The first answer is on the right; the progress bar fills from the right.
    const first = await box(page, 'main [role="radio"]');
    expect(first.x + first.width).toBeGreaterThan(width / 2);
    const bar = await box(page, 'main .progress');
    const fill = await box(page, 'main .progress__fill');
    expect(Math.abs(fill.x + fill.width - (bar.x + bar.width))).toBeLessThan(3);

    // An item-by-item screen: each row's legend starts on the right, "نعم" (Oui) right of "لا" (Non).
    await walk(page, 'ar', PLAN, { stopBefore: 'actInformation' });
    const legend = await box(page, 'main fieldset[data-item="NEWS"] legend');
    const row = await box(page, 'main fieldset[data-item="NEWS"]');
    expect(legend.x + legend.width).toBeGreaterThan(row.x + row.width - 40);
    const yes = await box(page, 'main fieldset[data-item="NEWS"] [data-code="YES"]');
    const no = await box(page, 'main fieldset[data-item="NEWS"] [data-code="NO"]');
    expect(yes.x).toBeGreaterThan(no.x);

    // The typing exercise's keyboard stays AZERTY, left to right, and the word typed too.
    await walk(page, 'ar', { ...PLAN, exercisesIntro: 'YES' }, { stopBefore: 'exType' });
    expect(await currentQuestionId(page)).toBe('exType');
    expect(await page.locator('.keyboard').evaluate((e) => getComputedStyle(e).direction)).toBe('ltr');
    expect(await page.locator('.typed').evaluate((e) => getComputedStyle(e).direction)).toBe('ltr');
    const a = await box(page, '.keyboard button.key:text-is("A")');
    const z = await box(page, '.keyboard button.key:text-is("Z")');
    expect(a.x).toBeLessThan(z.x);
  });

  it('Dari: <html lang="fa-AF" dir="rtl">', async () => {
    const { page } = kiosk;
    await kiosk.open();
    await startVisit(page, 'fa-AF');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fa-AF', 'rtl']);
    // The progress is filled in at run time, in Persian digits like the fixed texts: "سؤال ۱ از ۲۰".
    const progress = (await page.locator('main .progress').getAttribute('aria-valuetext')) ?? '';
    expect(progress).toMatch(/[۰-۹]/);
    expect(progress).not.toMatch(/[0-9]/);
    const help = await box(page, '.kiosk__bar > .button--help');
    expect(help.x + help.width).toBeLessThan(VIEWPORTS[0].width / 2);
    const transforms = await page.locator('main .pictogram--directional').evaluateAll((els) => els.map((e) => getComputedStyle(e).transform));
    for (const t of transforms) expect(t).toBe('matrix(-1, 0, 0, 1, 0, 0)');
  });
});

/** Bigger text and high contrast, set through the header buttons; checked on the document. */
async function enlargeAndContrast(page: Page): Promise<void> {
  await setDisplay(page, { percent: 200, contrast: 'high' }, { tap: true });
  expect(await displayOf(page)).toEqual({ percent: 200, contrast: 'high', rootFontPx: 32 });
  expect(await page.locator(CONTRAST_BUTTON).getAttribute('aria-pressed')).toBe('true');
}

/**
 * Pictograms are drawn as backgrounds (renderer/src/components/Pictogram.tsx): every one on the
 * screen has its size, its own PNG, which loads; in high contrast, on its white card.
 */
async function expectPictogramsDrawn(page: Page, o: { highContrast: boolean }): Promise<void> {
  const drawn = await page.locator('main .pictogram').evaluateAll((els) =>
    Promise.all(
      els.map(async (e) => {
        const style = getComputedStyle(e);
        const url = /^url\("(.+)"\)$/.exec(style.backgroundImage)?.[1] ?? style.backgroundImage;
        // The image the rule names really loads and decodes (from the cache when the screen
        // already has it: the resource timing list does not show memory-cache hits).
        const image = new Image();
        image.src = url;
        const loaded = await image.decode().then(
          () => image.naturalWidth > 0,
          () => false,
        );
        return { url, loaded, width: e.getBoundingClientRect().width, card: style.backgroundColor };
      }),
    ),
  );
  expect(drawn.length).toBeGreaterThanOrEqual(5);
  for (const p of drawn) {
    expect(p.url).toMatch(/\/pictograms\/[a-z0-9-]+\.png$/);
    expect(p.loaded, p.url).toBe(true);
    expect(p.width).toBeGreaterThan(10);
    if (o.highContrast) expect(p.card).toBe('rgb(255, 255, 255)');
  }
}

async function expectDefaults(page: Page): Promise<void> {
  await expect.poll(() => displayOf(page)).toEqual({ percent: 100, contrast: 'normal', rootFontPx: 16 });
  expect(await page.locator(CONTRAST_BUTTON).getAttribute('aria-pressed')).toBe('false');
  expect(await page.locator(TEXT_SIZE_BUTTON).innerText()).toContain(UI.fr.display.textBigger);
}

describe('the display settings reset after each visit', () => {
  it('after the privacy reset (idle)', async () => {
    const { page } = kiosk;
    // Set on the waiting screen (the person may start there), kept through the visit.
    await kiosk.open({ idle: 2500, warning: 1500 });
    await enlargeAndContrast(page);
    await page.locator('main .button--huge').click();
    await page.getByRole('option', { name: 'Français', exact: true }).click();
    await page.getByRole('alertdialog', { name: UI.fr.idle.title }).waitFor({ timeout: 15_000 });
    expect((await displayOf(page)).percent).toBe(200);
    await page.getByRole('button', { name: UI.fr.attract.start, exact: true }).waitFor({ timeout: 10_000 });
    await expectDefaults(page);
  });

  it('after "Terminer"', async () => {
    const { page } = kiosk;
    await kiosk.open({ thanks: 1500 });
    await startVisit(page, 'fr');
    await enlargeAndContrast(page);
    await expectPictogramsDrawn(page, { highContrast: true });
    await walk(page, 'fr', NO_INTERNET);
    await page.getByRole('button', { name: UI.fr.nav.finish }).click();
    // The thanks screen is still for this person, in their settings; then the waiting screen.
    await page.getByRole('heading', { level: 1, name: UI.fr.thanks.title }).waitFor();
    expect((await displayOf(page)).percent).toBe(200);
    await page.getByRole('button', { name: UI.fr.attract.start, exact: true }).waitFor({ timeout: 10_000 });
    await expectDefaults(page);
  });
});
