/**
 * End to end in real Chromium: the built renderer, the real machine, the real IPC gate and
 * handlers, a real SQLite file. What a citizen does, and what the kiosk stores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import frResult from '../../shared/i18n/locales/fr/result.json';
import enResult from '../../shared/i18n/locales/en/result.json';
import frUi from '../../shared/i18n/locales/fr/ui.json';
import { startKioskBrowser, type KioskBrowser } from '../harness/kiosk-browser';
import { currentQuestionId, startVisit, walk, UI } from '../harness/walkthrough';
import { ADVANCED_USER, BASIC_USER, NO_INTERNET } from './profiles';

let kiosk: KioskBrowser;

beforeAll(async () => {
  kiosk = await startKioskBrowser();
});
afterAll(async () => {
  await kiosk?.close();
});

async function stepsShown(): Promise<string[]> {
  return kiosk.page.locator('.step').evaluateAll((els) => els.map((e) => e.getAttribute('data-need') ?? ''));
}

describe('a citizen completes the assessment', () => {
  it('in French, without internet use: "could not be assessed", help with a procedure, equipment and learning', async () => {
    const { page } = kiosk;
    await kiosk.open();
    await startVisit(page, 'fr');
    const shown = await walk(page, 'fr', NO_INTERNET);
    // INSEE's gate: no activity question for someone who did not use the internet.
    expect(shown.filter((id) => id.startsWith('act'))).toEqual([]);
    expect(shown).toContain('everUsedInternet');
    await expect.poll(() => page.locator('h1').innerText()).toBe(UI.fr.result.title);
    expect(await page.getByRole('status').first().innerText()).toBe(frResult.result.summary.notAssessed);
    // Rule order (docs/scoring.md): procedure (taskProcedure CANNOT), equipment (barrier), learn.
    expect(await stepsShown()).toEqual(['procedure', 'equipment', 'learn']);
    // No smartphone (NO_INTERNET says "Non"): the ticket, but no advice to photograph the code.
    await expect.poll(() => page.locator('.qr button').count()).toBe(1);
    expect(await page.locator('.qr').innerText()).not.toContain(frUi.result.qrHint);

    const [row] = kiosk.visits.slice(-1);
    expect(row).toMatchObject({ status: 'completed', language: 'fr', lastStep: 'result' });
    expect(row?.answers['accompanied']).not.toBe('PROFESSIONAL');
    expect(row?.scores.dsi.category).toBe('notAssessed');
    expect(row?.scores.illectronisme).toBe('YES');
    expect(row?.answers['internetUse']).toBe('NOT_IN_3_MONTHS');
    expect(row?.answers).not.toHaveProperty('actInformation');
    expect(row?.recommendations.map((r) => r.need)).toEqual(['procedure', 'equipment', 'learn']);
    // Counted, not stored: no table of the kiosk database has a row for this visit (test/unit/counts-scan.test.ts).
    expect(kiosk.services.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sessions'").get()).toBeUndefined();
  });

  it('in French, one activity per area: "basic", with the exercises recorded', async () => {
    const { page } = kiosk;
    const before = kiosk.services.sessions.count();
    await kiosk.open();
    await startVisit(page, 'fr');
    await walk(page, 'fr', BASIC_USER);
    expect(await page.getByRole('status').first().innerText()).toBe(frResult.result.summary.basic);
    // taskProcedure WITH_HELP → procedure first; one task done with help makes the autonomy
    // profile "guided", which the rules answer with learning (docs/scoring.md).
    expect(await stepsShown()).toEqual(['procedure', 'learn']);
    const qrText = await page.locator('img.qr__code').getAttribute('data-qr-text');
    expect(qrText).toContain('France Services');
    // A smartphone owner is told to photograph the code.
    expect(await page.locator('.qr__hint').innerText()).toBe(frUi.result.qrHint);
    // The take-away holds the next steps only: no answer code, no category.
    expect(qrText).not.toMatch(/basic|EVERY_WEEK|A40_59|59122/);

    expect(kiosk.services.sessions.count()).toBe(before + 1);
    const row = kiosk.visits.at(-1);
    expect(row?.scores.dsi.category).toBe('basic');
    expect(row?.scores.illectronisme).toBe('NO');
    expect(row?.exercises['exTap']?.outcome).toBe('SUCCESS');
    expect(row?.exercises['exType']?.outcome).toBe('FAILURE');
    expect(row?.exercises['exSecureSite']?.outcome).toBe('SKIPPED');
    expect(row?.scores.observed).toMatchObject({ attempted: 4, succeeded: 3 });
  });

  it('in English, above basic in every area: "above basic" and a row in English', async () => {
    const { page } = kiosk;
    await kiosk.open();
    await startVisit(page, 'en');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await walk(page, 'en', ADVANCED_USER);
    await expect.poll(() => page.locator('h1').innerText()).toBe(UI.en.result.title);
    expect(await page.getByRole('status').first().innerText()).toBe(enResult.result.summary.aboveBasic);
    const row = kiosk.visits.at(-1);
    expect(row).toMatchObject({ status: 'completed', language: 'en' });
    expect(row?.scores.dsi.category).toBe('aboveBasic');

    // Finishing thanks the person and returns to the waiting screen for the next one.
    await page.getByRole('button', { name: UI.en.nav.finish }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe(UI.en.thanks.title);
  });

  it('a citizen who stops midway is stored as abandoned at the step they reached', async () => {
    const { page } = kiosk;
    const before = kiosk.services.sessions.count();
    await kiosk.open();
    await startVisit(page, 'fr');
    await walk(page, 'fr', BASIC_USER, { stopBefore: 'taskWifi' });
    expect(await currentQuestionId(page)).toBe('taskWifi');
    // One tap on "Arrêter" only asks; "Non, je continue" (focused) keeps everything.
    const quit = page.getByRole('button', { name: UI.fr.nav.quit, exact: true });
    await quit.click();
    const ask = page.getByRole('alertdialog', { name: UI.fr.quitConfirm.title });
    await ask.waitFor();
    expect(await ask.getByRole('button', { name: UI.fr.quitConfirm.cancel }).evaluate((b) => b === document.activeElement)).toBe(true);
    await ask.getByRole('button', { name: UI.fr.quitConfirm.cancel }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await currentQuestionId(page)).toBe('taskWifi');
    // The focus is back on "Arrêter", not lost on the page.
    expect(await quit.evaluate((b) => b === document.activeElement)).toBe(true);
    // Escape keeps the visit too.
    await quit.click();
    await ask.waitFor();
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'detached' });
    expect(await currentQuestionId(page)).toBe('taskWifi');
    expect(kiosk.services.sessions.count()).toBe(before);
    // "Arrêter" is far from "Suivant": its own corner of the screen, not beside it.
    const [quitBox, nextBox] = await Promise.all([quit.boundingBox(), page.getByRole('button', { name: UI.fr.nav.next, exact: true }).boundingBox()]);
    expect(Math.hypot(nextBox!.x - quitBox!.x, nextBox!.y - quitBox!.y)).toBeGreaterThan(300);
    await quit.click();
    await ask.getByRole('button', { name: UI.fr.quitConfirm.confirm }).click();
    await page.getByRole('button', { name: UI.fr.attract.start, exact: true }).waitFor();
    await expect.poll(() => kiosk.services.sessions.count()).toBe(before + 1);
    const row = kiosk.visits.at(-1);
    expect(row).toMatchObject({ status: 'abandoned', lastStep: 'taskWifi', recommendations: [] });
    expect(row?.answers['taskUnlock']).toBe('ALONE');
    expect(row?.answers).not.toHaveProperty('taskWifi');
    // Its DSI category was settled before it stopped: a partial visit, counted in the DSI tables.
    expect(row?.scores.dsi.category).toBe('basic');
  });
});

describe('questionnaire version 2 on screen', () => {
  it('the internet-use question shows what counts; a smartphone owner who says "Non" is asked once more, gently', async () => {
    const { page } = kiosk;
    await kiosk.open();
    await startVisit(page, 'fr');
    await walk(page, 'fr', { ...BASIC_USER, smartphone: 'YES' }, { stopBefore: 'internetUse' });
    const includes = page.getByRole('list', { name: UI.fr.question.includesLabel });
    await expect.poll(() => includes.locator('li').allInnerTexts()).toEqual([
      'Sur un téléphone, une tablette ou un ordinateur',
      'Avec une application : WhatsApp, Facebook, YouTube, les e-mails…',
      'Chez vous ou ailleurs',
    ]);
    expect(await includes.locator('li .pictogram').count()).toBe(3);
    await page.locator('main[data-question="internetUse"] [data-code="NOT_IN_3_MONTHS"]').click();
    await page.getByRole('button', { name: UI.fr.nav.next, exact: true }).click();
    await page.locator('main[data-question="internetUseCheck"]').waitFor();
    await page.locator('main[data-question="internetUseCheck"] [data-code="USED"]').click();
    await page.getByRole('button', { name: UI.fr.nav.next, exact: true }).click();
    // "Oui" there: an internet user after all, asked the activities.
    await page.locator('main[data-question="actInformation"]').waitFor();
  });

  it('an item-by-item screen: each row a radio group named by its visible legend, "Suivant" only once every row is answered', async () => {
    const { page } = kiosk;
    const main = page.locator('main[data-question="actInformation"]');
    const rows = main.getByRole('radiogroup');
    await expect.poll(() => rows.count()).toBe(4);
    const health = main.getByRole('radiogroup', { name: 'Chercher des informations sur la santé (maladie, soins, alimentation…)' });
    expect(await health.getByRole('radio').allInnerTexts()).toEqual(['Oui', 'Non', 'Je ne sais pas']);
    await expect.poll(() => health.locator('legend').isVisible()).toBe(true);
    const next = page.getByRole('button', { name: UI.fr.nav.next, exact: true });
    await health.getByRole('radio', { name: 'Je ne sais pas' }).click();
    expect(await health.getByRole('radio', { name: 'Je ne sais pas' }).getAttribute('aria-checked')).toBe('true');
    expect(await next.getAttribute('aria-disabled')).toBe('true');
    // A tap on the greyed "Suivant" (aria-disabled keeps it focusable and tappable) does nothing.
    await next.click({ force: true });
    expect(await currentQuestionId(page)).toBe('actInformation');
    for (const item of ['GOODS_INFO', 'NEWS', 'CHECKED_TRUE']) await main.locator(`fieldset[data-item="${item}"] [data-code="YES"]`).click();
    expect(await next.getAttribute('aria-disabled')).toBe('false');
    await next.click();
    await page.locator('main[data-question="actCommunication"]').waitFor();
    // "Je préfère ne pas répondre" covers a whole screen.
    await page.locator('main[data-question="actCommunication"] [data-code="REF"]').click();
    await next.click();
    await page.locator('main[data-question="actContent"]').waitFor();
    await page.getByRole('button', { name: UI.fr.nav.quit }).click();
    await page.getByRole('button', { name: UI.fr.quitConfirm.confirm }).click();
    await page.getByRole('button', { name: UI.fr.attract.start, exact: true }).waitFor();
    await expect.poll(() => kiosk.visits.at(-1)?.answers['actInformation']).toEqual({ HEALTH_INFO: 'DK', GOODS_INFO: 'YES', NEWS: 'YES', CHECKED_TRUE: 'YES' });
    const row = kiosk.visits.at(-1);
    expect(row?.answers['actCommunication']).toBe('REF');
    expect(row?.answers['internetUseCheck']).toBe('USED');
  });
});

describe('the idle reset', () => {
  it('warns, then wipes everything mid-questionnaire and saves the visit as abandoned', async () => {
    const { page } = kiosk;
    const before = kiosk.services.sessions.count();
    await kiosk.open({ idle: 1500, warning: 1500 });
    await startVisit(page, 'fr');
    await walk(page, 'fr', BASIC_USER, { stopBefore: 'smartphone' });
    // Select an answer on this screen without moving on.
    await page.locator('[data-code="NO"]').click();

    const dialog = page.getByRole('alertdialog', { name: UI.fr.idle.title });
    await dialog.waitFor({ timeout: 10_000 });
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await page.getByRole('button', { name: UI.fr.attract.start, exact: true }).waitFor();

    await expect.poll(() => kiosk.services.sessions.count()).toBe(before + 1);
    const row = kiosk.visits.at(-1);
    expect(row).toMatchObject({ status: 'abandoned', lastStep: 'smartphone' });
    expect(row?.answers['ageBand']).toBe('A40_59');

    // The next person finds nothing: no answer selected, and Back leads out, not into the past.
    await startVisit(page, 'fr');
    expect(await currentQuestionId(page)).toBe('ageBand');
    expect(await page.locator('[aria-checked="true"]').count()).toBe(0);
    await page.getByRole('button', { name: UI.fr.nav.back }).click();
    await page.getByRole('button', { name: UI.fr.privacy.continue }).waitFor();
    expect(await page.locator('body').innerText()).not.toContain('59122');

    // The language screen asks "Vous êtes toujours là ?" too before it goes back to the start.
    await page.getByRole('button', { name: UI.fr.nav.back }).click();
    await page.getByRole('heading', { name: UI.fr.language.title }).waitFor();
    await dialog.waitFor({ timeout: 10_000 });
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await page.getByRole('button', { name: UI.fr.attract.start, exact: true }).waitFor();
  });

  it('"Oui, je continue" keeps the answers and the place in the questionnaire', async () => {
    const { page } = kiosk;
    await kiosk.open({ idle: 1000, warning: 5000 });
    await startVisit(page, 'fr');
    await walk(page, 'fr', BASIC_USER, { stopBefore: 'accompanied' });
    // A keyboard user was on the second answer when the question came up.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    const answer = page.locator('main [role="radio"]').nth(1);
    await answer.focus();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor({ timeout: 10_000 });
    // Focus is on the one button, so a switch user only needs Enter.
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await currentQuestionId(page)).toBe('accompanied');
    // The focus is back on that answer, not on the page or the first control (issue 17).
    expect(await answer.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: UI.fr.nav.back }).click();
    await expect.poll(() => currentQuestionId(page)).toBe('commune');
    expect(await page.locator('[data-code="C59122"]').getAttribute('aria-checked')).toBe('true');
  });
});

describe('"Demander de l\'aide"', () => {
  const chimes = () => kiosk.page.evaluate(() => Number(document.documentElement.dataset['helpChime'] ?? '0'));
  const banner = () => kiosk.page.getByRole('status').filter({ hasText: UI.fr.help.requested });
  const staffGesture = async () => {
    for (let i = 0; i < 5; i++) await kiosk.page.locator('[data-staff-gesture]').click();
  };
  const QUIET = { helpChime: false, helpChimeRepeatS: 20, helpChimeMaxRings: 15, helpPromise: 'staffComing' as const };
  afterAll(() => kiosk.services.settings.update(QUIET));

  it('promises what the site configured: « Une personne va venir » where staff are present, « Montrez cet écran à l\'accueil » where not', async () => {
    const { page } = kiosk;
    kiosk.services.settings.update(QUIET);
    await kiosk.open();
    await page.getByRole('button', { name: UI.fr.help.button }).click();
    await expect.poll(() => banner().filter({ hasText: UI.fr.help.coming }).count()).toBe(1);
    expect(await banner().textContent()).not.toContain(UI.fr.help.showReception);
    // Seen from across the room: the border round the whole screen, not only the banner.
    expect(await page.locator('[data-help-frame]').evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    expect(await chimes()).toBe(0);
    // Closed by keyboard, the banner gives the focus back to where it was: "Aide" (issue 17).
    await page.getByRole('button', { name: UI.fr.help.cancel, exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: UI.fr.help.coming }).count()).toBe(0);
    expect(await page.getByRole('button', { name: UI.fr.help.button }).evaluate((el) => el === document.activeElement)).toBe(true);

    kiosk.services.settings.update({ ...QUIET, helpPromise: 'showReception' });
    await kiosk.open();
    // The new screen moves the focus to its heading a frame after it shows (KioskFrame): wait
    // for it, or it can land between our focus below and the Tab (seen on a loaded machine).
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    // By keyboard this time: Enter on "Demander de l'aide", one Tab to "Annuler ma demande".
    await page.getByRole('button', { name: UI.fr.help.button }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => banner().filter({ hasText: UI.fr.help.showReception }).count()).toBe(1);
    expect(await banner().textContent()).not.toContain(UI.fr.help.coming);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(UI.fr.help.cancel);
    await page.keyboard.press('Enter');
    await expect.poll(() => banner().count()).toBe(0);
    // The focus goes back to "Demander de l'aide", not lost with the banner.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('button--help'))).toBe(true);
  });

  it('rings until the site maximum, stays on every screen, and the staff gesture answers it (without opening the staff area)', async () => {
    const { page } = kiosk;
    kiosk.services.settings.update({ ...QUIET, helpChime: true, helpChimeMaxRings: 3 });
    await kiosk.open({ helpRepeat: 250 });
    await page.getByRole('button', { name: UI.fr.help.button }).click();
    // Navigation does not close it: attract → language → privacy.
    await page.getByRole('button', { name: UI.fr.attract.start, exact: true }).click();
    await page.getByRole('option', { name: 'Français', exact: true }).click();
    await page.getByRole('button', { name: UI.fr.privacy.continue }).waitFor();
    expect(await banner().count()).toBe(1);
    await expect.poll(chimes).toBe(3);
    await page.waitForTimeout(750);
    expect(await chimes()).toBe(3);

    // Silent but still shown, until staff answer it with their gesture; the visit goes on
    // where it was and the staff area does not open.
    expect(await banner().count()).toBe(1);
    await staffGesture();
    await expect.poll(() => banner().count()).toBe(0);
    expect(await page.getByRole('button', { name: UI.fr.privacy.continue }).count()).toBe(1);

    // Answered by staff while it still rings (no maximum in sight this time): it stops.
    kiosk.services.settings.update({ ...QUIET, helpChime: true, helpChimeMaxRings: 60 });
    await kiosk.open({ helpRepeat: 250 });
    const before = await chimes();
    await page.getByRole('button', { name: UI.fr.help.button }).click();
    await expect.poll(chimes).toBeGreaterThanOrEqual(before + 2);
    await staffGesture();
    await expect.poll(() => banner().count()).toBe(0);
    expect(await page.locator('[data-help-frame]').count()).toBe(0);
    const answered = await chimes();
    await page.waitForTimeout(1000);
    expect(await chimes()).toBe(answered);
    // The kiosk goes on where it was; the staff area did not open.
    expect(await page.getByRole('button', { name: UI.fr.attract.start, exact: true }).count()).toBe(1);

    // The visitor's own "Annuler ma demande" stops it too.
    await page.getByRole('button', { name: UI.fr.help.button }).click();
    await expect.poll(chimes).toBeGreaterThanOrEqual(answered + 2);
    await page.getByRole('button', { name: UI.fr.help.cancel, exact: true }).click();
    expect(await banner().count()).toBe(0);
    const cancelled = await chimes();
    await page.waitForTimeout(1000);
    expect(await chimes()).toBe(cancelled);
  });

  it('survives the visit\'s privacy reset: the answers go, the request stays until staff answer it', async () => {
    const { page } = kiosk;
    kiosk.services.settings.update(QUIET);
    await kiosk.open({ idle: 800, warning: 800 });
    await startVisit(page, 'fr');
    await page.getByRole('button', { name: UI.fr.help.button }).click();
    // Nobody touches the screen: "still there?", then the reset to the waiting screen.
    await page.getByRole('button', { name: UI.fr.attract.start, exact: true }).waitFor({ timeout: 10_000 });
    expect(await page.locator('main[data-question]').count()).toBe(0);
    expect(await banner().count()).toBe(1);
    await staffGesture();
    await expect.poll(() => banner().count()).toBe(0);
  });
});
