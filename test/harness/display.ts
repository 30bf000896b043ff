/**
 * Driving the display settings (renderer/src/display) like a citizen: through the two header
 * buttons, with a tap each. Shared by the accessibility, layout and screenshot runs.
 */
import type { Page } from 'playwright-core';

export type TextPercent = 100 | 150 | 200;
export type Contrast = 'normal' | 'high';

export interface DisplayCombo {
  percent: TextPercent;
  contrast: Contrast;
}

export const TEXT_SIZE_BUTTON = '[data-display-control="text-size"]';
export const CONTRAST_BUTTON = '[data-display-control="contrast"]';
/** "Affichage": the one header control that shows the voice and display settings. */
export const DISPLAY_MENU = '[data-display-menu]';

/** What the document shows now: `<html data-text-scale>` and `<html data-contrast>`. */
export async function displayOf(page: Page): Promise<DisplayCombo & { rootFontPx: number }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    return {
      percent: Number(root.dataset['textScale'] ?? 100) as TextPercent,
      contrast: root.dataset['contrast'] === 'high' ? 'high' : 'normal',
      rootFontPx: parseFloat(getComputedStyle(root).fontSize),
    };
  });
}

/**
 * Presses the header buttons until the document shows `combo` (text size steps 100 → 150 →
 * 200 → 100). By default the buttons are clicked inside the page, in one round trip (fast for
 * runs that check many screens); with `tap`, each is tapped through Playwright like a finger.
 */
export async function setDisplay(page: Page, combo: DisplayCombo, options: { tap?: boolean } = {}): Promise<void> {
  if (options.tap) {
    // The settings are folded under "Affichage" (one header control): open it first.
    if (!(await page.locator(TEXT_SIZE_BUTTON).isVisible())) await page.locator(DISPLAY_MENU).click();
    for (let taps = 0; (await displayOf(page)).percent !== combo.percent; taps++) {
      if (taps >= 3) throw new Error(`the text size never reached ${combo.percent} %`);
      await page.locator(TEXT_SIZE_BUTTON).click();
    }
    if ((await displayOf(page)).contrast !== combo.contrast) await page.locator(CONTRAST_BUTTON).click();
  } else {
    await page.evaluate(
      async ({ percent, contrast, sizeButton, contrastButton }) => {
        // No named function in here: tsx would wrap it in a helper that the page does not have.
        const root = document.documentElement;
        for (let presses = 0; root.dataset['textScale'] !== String(percent) && presses < 3; presses++) {
          document.querySelector<HTMLElement>(sizeButton)?.click();
          await new Promise((done) => requestAnimationFrame(done));
        }
        if ((root.dataset['contrast'] === 'high') !== (contrast === 'high')) {
          document.querySelector<HTMLElement>(contrastButton)?.click();
          await new Promise((done) => requestAnimationFrame(done));
        }
        // Let React draw the buttons' new labels before anything is measured.
        await new Promise((done) => requestAnimationFrame(done));
      },
      { ...combo, sizeButton: TEXT_SIZE_BUTTON, contrastButton: CONTRAST_BUTTON },
    );
  }
  const now = await displayOf(page);
  if (now.percent !== combo.percent || now.contrast !== combo.contrast) throw new Error(`display is ${JSON.stringify(now)}, not ${JSON.stringify(combo)}`);
}

/** The four combinations the issue asks for, in an order that needs few taps from one to the next. */
export const DISPLAY_COMBOS: readonly DisplayCombo[] = [
  { percent: 100, contrast: 'normal' },
  { percent: 100, contrast: 'high' },
  { percent: 200, contrast: 'high' },
  { percent: 200, contrast: 'normal' },
];

/** DISPLAY_COMBOS, starting from the one the page shows now (so that no tap is wasted). */
export async function combosFromCurrent(page: Page): Promise<DisplayCombo[]> {
  const now = await displayOf(page);
  const start = Math.max(0, DISPLAY_COMBOS.findIndex((c) => c.percent === now.percent && c.contrast === now.contrast));
  return [...DISPLAY_COMBOS.slice(start), ...DISPLAY_COMBOS.slice(0, start)];
}

/**
 * Opens the kiosk with a short idle delay and brings up "Vous êtes toujours là ?" in `combo`.
 * The display is set on the waiting screen (which has no idle timer), because the dialog makes
 * the rest of the kiosk inert; then the language is chosen and nobody touches anything more.
 */
export async function showStillThere(
  kiosk: { page: Page; open(query?: Record<string, string | number>): Promise<void> },
  languageName: string,
  dialogName: string,
  combo: DisplayCombo,
): Promise<void> {
  const { page } = kiosk;
  await kiosk.open({ idle: 2000, warning: 600_000 });
  await setDisplay(page, combo);
  await page.locator('main .button--huge').click();
  await page.getByRole('option', { name: languageName, exact: true }).click();
  await page.getByRole('alertdialog', { name: dialogName }).waitFor({ timeout: 15_000 });
}
