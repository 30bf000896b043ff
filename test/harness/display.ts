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

/** Taps the header buttons until the document shows `combo` (text size steps 100 → 150 → 200 → 100). */
export async function setDisplay(page: Page, combo: DisplayCombo): Promise<void> {
  for (let taps = 0; (await displayOf(page)).percent !== combo.percent; taps++) {
    if (taps >= 3) throw new Error(`the text size never reached ${combo.percent} %`);
    await page.locator(TEXT_SIZE_BUTTON).click();
  }
  if ((await displayOf(page)).contrast !== combo.contrast) await page.locator(CONTRAST_BUTTON).click();
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
