/**
 * The whole visit with a keyboard alone (issue 4: "everything works with a keyboard alone and
 * with a switch"): Tab, Shift+Tab, Enter and Space only, never the mouse, in French, from the
 * waiting screen to the thanks. Three exercises are done by keyboard (the blue circle, the
 * on-screen keyboard, the scam message), the other two skipped by keyboard. After every step the
 * focus is on the new screen's heading; every control reached shows a visible focus ring;
 * the visit is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKioskBrowser, type KioskBrowser } from '../harness/kiosk-browser';
import { currentQuestionId, UI } from '../harness/walkthrough';
import { displayOf } from '../harness/display';

const fr = UI.fr;
let kiosk: KioskBrowser;

beforeAll(async () => {
  kiosk = await startKioskBrowser();
});
afterAll(async () => {
  await kiosk?.close();
});

/**
 * Answers by code; absent questions get the first answer offered. On an item-by-item screen
 * the codes are the items answered "Oui"; every other row gets "Non", each row reached with Tab.
 */
const PLAN: Record<string, string[]> = {
  ageBand: ['A60_74'],
  accompanied: ['PROFESSIONAL'],
  smartphone: ['YES'],
  computer: ['NO'],
  homeInternet: ['YES'],
  internetUse: ['EVERY_WEEK'],
  actInformation: ['NEWS', 'HEALTH_INFO'],
  actCommunication: ['EMAIL'],
  actContent: ['NONE'],
  actSafety: ['CHECK_SECURE_SITE'],
  actProblemSolving: ['BANKING'],
  exercisesIntro: ['YES'],
  wantsToLearn: ['PROCEDURES'],
  barriers: ['FEAR_FRAUD'],
  procedureSoon: ['NO'],
};

/** Where the focus is: a short description for messages, and whether a ring is drawn around it. */
function focused() {
  return kiosk.page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'BODY', text: '', ring: false, heading: false };
    const style = getComputedStyle(el);
    return {
      tag: el.tagName,
      text: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40),
      ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      heading: el.tagName === 'H1' && el.closest('main') !== null,
    };
  });
}

/**
 * Moves the focus with Tab (or Shift+Tab when the target comes earlier in the page) until it is
 * on `selector`, then checks that the focus ring is visible there.
 */
async function focus(selector: string): Promise<void> {
  const { page } = kiosk;
  const target = page.locator(selector).first();
  await target.waitFor();
  for (let presses = 0; presses < 120; presses++) {
    const where = await target.evaluate((el) => {
      const active = document.activeElement;
      if (active === el) return 'here';
      if (!active || active === document.body) return 'after';
      return active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING ? 'after' : 'before';
    });
    if (where === 'here') {
      const now = await focused();
      expect(now.ring, `focus ring on ${selector}`).toBe(true);
      return;
    }
    await page.keyboard.press(where === 'after' ? 'Tab' : 'Shift+Tab');
  }
  throw new Error(`Tab never reached ${selector} (focus on ${JSON.stringify(await focused())})`);
}

/** After a step: the focus is on the new screen's h1. */
async function expectHeadingFocused(step: string): Promise<void> {
  await expect.poll(async () => (await focused()).heading, { message: `heading focused after ${step}` }).toBe(true);
}

async function waitForStep(previous: string | null): Promise<void> {
  await kiosk.page.waitForFunction(
    (prev) => {
      const main = document.querySelector('main');
      return main !== null && main.getAttribute('aria-busy') !== 'true' && (main.getAttribute('data-question') ?? 'other') !== prev;
    },
    previous ?? 'other',
  );
}

describe('keyboard only', () => {
  it('completes the whole questionnaire in French with Tab, Shift+Tab, Enter and Space', { timeout: 180_000 }, async () => {
    const { page } = kiosk;
    const before = kiosk.services.sessions.count();
    await kiosk.open({ thanks: 600_000 });
    await expectHeadingFocused('loading');

    // The header's display settings work by keyboard too: bigger text (150 %).
    await focus('[data-display-control="text-size"]');
    await page.keyboard.press('Enter');
    expect((await displayOf(page)).percent).toBe(150);

    await focus('main .button--huge');
    await page.keyboard.press('Enter');
    await page.locator('main h1', { hasText: fr.language.title }).waitFor();
    await expectHeadingFocused('Commencer');

    await focus('main button[lang="fr"]');
    await page.keyboard.press('Space');
    await page.locator('main h1', { hasText: fr.privacy.title }).waitFor();
    await expectHeadingFocused('Français');

    await focus('main .screen__nav .button--primary');
    await page.keyboard.press('Enter');
    await page.locator('main[data-question]').waitFor();

    const shown: string[] = [];
    for (let guard = 0; guard < 60; guard++) {
      const id = await currentQuestionId(page);
      if (id === null) break;
      shown.push(id);
      await expectHeadingFocused(`the step before ${id}`);
      const main = `main[data-question="${id}"]`;
      switch (id) {
        case 'exTap':
          await focus(`${main} .tap-target`);
          await page.keyboard.press('Enter');
          break;
        case 'exType':
          // The on-screen keyboard: each letter reached with Tab or Shift+Tab, pressed with Space.
          for (const letter of fr.exercise.type.word) {
            await focus(`${main} .keyboard button.key:text-is("${letter}")`);
            await page.keyboard.press('Space');
          }
          await expect.poll(() => page.locator(`${main} output`).innerText()).toBe(fr.exercise.type.word);
          await focus(`${main} .key--validate`);
          await page.keyboard.press('Enter');
          break;
        case 'exPhishing':
          await focus(`${main} [data-card="b"]`);
          await page.keyboard.press('Space');
          break;
        case 'exScroll':
        case 'exSecureSite':
          await focus(`${main} .exercise__skip`);
          await page.keyboard.press('Enter');
          break;
        default: {
          const rows = await page.locator(`${main} fieldset[data-item]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-item') ?? ''));
          if (rows.length > 0) {
            for (const item of rows) {
              const code = (PLAN[id] ?? []).includes(item) ? 'YES' : 'NO';
              const button = `${main} fieldset[data-item="${item}"] [data-code="${code}"]`;
              await focus(button);
              await page.keyboard.press('Space');
              await expect.poll(() => page.locator(button).getAttribute('aria-checked')).toBe('true');
            }
            await focus(`${main} .screen__nav .button--primary`);
            await page.keyboard.press('Enter');
            break;
          }
          const codes = PLAN[id] ?? [await page.locator(`${main} [role="radio"], ${main} [role="checkbox"]`).first().getAttribute('data-code')];
          for (const code of codes) {
            await focus(`${main} [data-code="${code}"]`);
            await page.keyboard.press('Space');
            await expect.poll(() => page.locator(`${main} [data-code="${code}"]`).getAttribute('aria-checked')).toBe('true');
          }
          await focus(`${main} .screen__nav .button--primary`);
          await page.keyboard.press('Enter');
        }
      }
      await waitForStep(id);
    }

    expect(shown).toContain('commune');
    expect(shown.filter((id) => id.startsWith('ex') && id !== 'exercisesIntro')).toEqual(['exTap', 'exScroll', 'exType', 'exPhishing', 'exSecureSite']);
    await page.locator('main h1', { hasText: fr.result.title }).waitFor();
    await expectHeadingFocused('the last question');

    // The professional view opens from the keyboard (a <summary>).
    await focus('main details.professional > summary');
    await page.keyboard.press('Enter');
    expect(await page.locator('main details.professional').getAttribute('open')).not.toBeNull();

    const row = kiosk.visits.at(-1);
    expect(kiosk.services.sessions.count()).toBe(before + 1);
    expect(row).toMatchObject({ status: 'completed', language: 'fr', lastStep: 'result' });
    expect(row?.answers['accompanied']).toBe('PROFESSIONAL');
    expect(row?.exercises['exTap']?.outcome).toBe('SUCCESS');
    expect(row?.exercises['exType']?.outcome).toBe('SUCCESS');
    expect(row?.exercises['exPhishing']?.outcome).toBe('SUCCESS');
    expect(row?.exercises['exScroll']?.outcome).toBe('SKIPPED');
    expect(row?.exercises['exSecureSite']?.outcome).toBe('SKIPPED');
    expect(row?.answers['actInformation']).toEqual({ GOODS_INFO: 'NO', HEALTH_INFO: 'YES', NEWS: 'YES', CHECKED_TRUE: 'NO' });

    await focus('main .screen__nav .button--primary');
    await page.keyboard.press('Enter');
    await page.locator('main h1', { hasText: fr.thanks.title }).waitFor();
    await expectHeadingFocused('Terminer');
    // The person's text size holds on the thanks screen; "Recommencer" gives the next person the default.
    expect((await displayOf(page)).percent).toBe(150);
    await focus('main .button--large');
    await page.keyboard.press('Enter');
    await page.locator('main h1', { hasText: fr.language.title }).waitFor();
    await expectHeadingFocused('Recommencer');
    expect(await displayOf(page)).toMatchObject({ percent: 100, contrast: 'normal', rootFontPx: 16 });
  });
});
