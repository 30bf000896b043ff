/**
 * The staff PIN pad as a person uses it, shared by the staff end-to-end tests: digits tapped
 * one by one on the on-screen pad, then the pad's own submit button.
 */
import type { Page } from 'playwright-core';
import fr from '../../shared/i18n/locales/fr/ui.json';

const S = fr.staff;

export async function typePin(page: Page, pin: string, submit: string): Promise<void> {
  const pad = page.getByRole('group', { name: S.pin.pad });
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await pad.getByRole('button', { name: submit, exact: true }).click();
}

/**
 * The first PIN of a new kiosk: chosen, confirmed, then the recovery code screen that follows
 * it once (issue 16) is acknowledged, which leads to the status screen. Returns the code shown.
 */
export async function chooseFirstPin(page: Page, pin: string): Promise<string> {
  await typePin(page, pin, S.pin.next);
  await page.getByText(S.pin.confirmLabel).waitFor();
  await typePin(page, pin, S.pin.save);
  await page.getByRole('heading', { name: S.recovery.shownTitle }).waitFor();
  const code = await page.getByTestId('recovery-code').innerText();
  await page.getByRole('button', { name: S.recovery.stored }).click();
  await page.getByRole('heading', { name: S.status.title }).waitFor();
  return code;
}
