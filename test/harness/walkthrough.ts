/**
 * Driving the kiosk like a citizen, by answer codes: helpers shared by the end-to-end tests
 * and the screenshot script. A plan maps question ids to codes; the walk follows whatever
 * path the kiosk shows, so skip logic is exercised for real. On an item-by-item screen the
 * plan lists the items answered "Oui" (every other row gets "Non"), or gives a record
 * item → code, or 'REF' for the whole screen.
 */
import type { Page } from 'playwright-core';
import frUi from '../../shared/i18n/locales/fr/ui.json';
import falcUi from '../../shared/i18n/locales/fr-x-falc/ui.json';
import arUi from '../../shared/i18n/locales/ar/ui.json';
import enUi from '../../shared/i18n/locales/en/ui.json';
import ukUi from '../../shared/i18n/locales/uk/ui.json';
import trUi from '../../shared/i18n/locales/tr/ui.json';
import faAfUi from '../../shared/i18n/locales/fa-AF/ui.json';
import { NATIVE_NAMES } from '../../shared/i18n/languages';
import type { ExerciseOutcome } from '../../shared/questionnaire/schema';

/** The interface texts of every language (same keys everywhere: test/unit/locales.test.ts). */
export const UI = { fr: frUi, 'fr-x-falc': falcUi, ar: arUi, en: enUi, uk: ukUi, tr: trUi, 'fa-AF': faAfUi } as const;
export type Lang = keyof typeof UI;

export type Plan = Record<string, string | string[] | Readonly<Record<string, string>> | ExerciseOutcome>;

export async function currentQuestionId(page: Page): Promise<string | null> {
  const main = page.locator('main[data-question]');
  if ((await main.count()) === 0) return null;
  return main.getAttribute('data-question');
}

export async function startVisit(page: Page, lang: Lang): Promise<void> {
  await page.getByRole('button', { name: UI.fr.attract.start, exact: true }).click();
  await page.getByRole('option', { name: NATIVE_NAMES[lang], exact: true }).click();
  await page.getByRole('button', { name: UI[lang].privacy.continue }).click();
  await page.locator('main[data-question]').waitFor();
}

async function waitForStepChange(page: Page, previous: string): Promise<void> {
  await page.waitForFunction(
    (prev) => document.querySelector('main[data-question]')?.getAttribute('data-question') !== prev,
    previous,
  );
}

async function doExercise(page: Page, lang: Lang, questionId: string, outcome: ExerciseOutcome): Promise<void> {
  if (outcome === 'SKIPPED') return page.getByRole('button', { name: UI[lang].exercise.skip }).click();
  const success = outcome === 'SUCCESS';
  switch (questionId) {
    case 'exTap':
      if (success) return page.locator('.tap-target').click();
      for (let i = 0; i < 3; i++) await page.getByTestId('tap-area').click({ position: { x: 10, y: 10 } });
      return;
    case 'exScroll':
      if (success) return page.getByRole('button', { name: UI[lang].exercise.scroll.items.cat, exact: true }).click();
      for (const animal of ['dog', 'cow', 'horse'] as const) await page.getByRole('button', { name: UI[lang].exercise.scroll.items[animal], exact: true }).click();
      return;
    case 'exType': {
      const word = success ? UI[lang].exercise.type.word : 'AZ';
      for (const letter of word) await page.getByRole('button', { name: letter, exact: true }).click();
      return page.getByRole('button', { name: UI[lang].exercise.type.validate }).click();
    }
    case 'exPhishing':
      return page.locator(`[data-card="${success ? 'b' : 'a'}"]`).click();
    case 'exSecureSite':
      return page.locator(`[data-card="${success ? 'a' : 'b'}"]`).click();
  }
  throw new Error(`no way to do exercise ${questionId}`);
}

/** Answers every row of an item-by-item screen: listed items "Oui", others "Non"; nothing planned: "Je ne sais pas". */
async function answerRows(page: Page, id: string, value: Plan[string] | undefined): Promise<void> {
  const main = page.locator(`main[data-question="${id}"]`);
  if (value === 'REF') return main.locator('[data-code="REF"]').click();
  const items = await main.locator('fieldset[data-item]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item') ?? ''));
  for (const item of items) {
    let code = 'DK';
    if (Array.isArray(value)) code = value.includes(item) ? 'YES' : 'NO';
    else if (value !== undefined && typeof value === 'object') code = (value as Record<string, string>)[item] ?? 'DK';
    await main.locator(`fieldset[data-item="${item}"] [data-code="${code}"]`).click();
  }
}

/**
 * Answers questions from the plan until the result screen (or until `stopBefore` is the
 * current question). Questions absent from the plan get "Je ne sais pas".
 * Returns the ids of the questions that were shown, in order.
 */
export async function walk(
  page: Page,
  lang: Lang,
  plan: Plan,
  options: { stopBefore?: string; beforeAnswer?: (questionId: string) => Promise<void> } = {},
): Promise<string[]> {
  const { stopBefore, beforeAnswer } = options;
  const shown: string[] = [];
  for (let guard = 0; guard < 200; guard++) {
    const id = await currentQuestionId(page);
    if (id === null || id === stopBefore) return shown;
    shown.push(id);
    await beforeAnswer?.(id);
    const value = plan[id];
    if (id.startsWith('ex') && id !== 'exercisesIntro') {
      await doExercise(page, lang, id, (value as ExerciseOutcome | undefined) ?? 'SKIPPED');
    } else if ((await page.locator(`main[data-question="${id}"] fieldset[data-item]`).count()) > 0) {
      await answerRows(page, id, value);
      await page.getByRole('button', { name: UI[lang].nav.next, exact: true }).click();
    } else {
      const codes = value === undefined ? ['DK'] : typeof value === 'string' ? [value] : (value as string[]);
      for (const code of codes) await page.locator(`main[data-question="${id}"] [data-code="${code}"]`).click();
      await page.getByRole('button', { name: UI[lang].nav.next, exact: true }).click();
    }
    await Promise.race([
      waitForStepChange(page, id),
      page.locator('main:not([data-question]) h1').waitFor(),
    ]);
    if ((await currentQuestionId(page)) === id) throw new Error(`stuck on ${id}`);
  }
  throw new Error('walk did not end');
}
