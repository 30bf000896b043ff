/**
 * The kiosk's voice in real Chromium (docs/audio.md): "Écouter" plays the shipped file of the
 * question, the person acting stops it, the volume is on screen and resets with the session,
 * the idle warning speaks by itself, and with neither a file nor a local voice there is no
 * button at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKioskBrowser, type KioskBrowser } from '../harness/kiosk-browser';
import { currentQuestionId, startVisit, walk, UI, type Lang, type Plan } from '../harness/walkthrough';
import { BASIC_USER, NO_INTERNET } from './profiles';
import { NATIVE_NAMES } from '../../shared/i18n/languages';
import { UNSPOKEN_KEYS } from '../../shared/i18n/spoken-keys';
import frQuestionnaire from '../../shared/i18n/locales/fr/questionnaire.json';

let kiosk: KioskBrowser;

// Records every source the page asks to play, and removes local voices so that only the
// shipped files can speak (a string: see the harness about serialised functions).
const RECORD_PLAYS = `
  window.__played = [];
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () {
    window.__played.push(this.src);
    // A test may speed the voice up (the load that a new src starts resets the rate).
    if (window.__rate) this.playbackRate = window.__rate;
    return play.call(this);
  };
  if (window.speechSynthesis) {
    Object.defineProperty(window.speechSynthesis, 'getVoices', { value: () => [], configurable: true });
  }
`;

beforeAll(async () => {
  kiosk = await startKioskBrowser();
  await kiosk.context.addInitScript({ content: RECORD_PLAYS });
});
afterAll(async () => {
  await kiosk?.close();
});

const fr = UI.fr;

function played(): Promise<string[]> {
  return kiosk.page.evaluate(() => (window as unknown as { __played: string[] }).__played.map((src) => new URL(src).pathname));
}

function element(): Promise<{ src: string; paused: boolean; volume: number } | null> {
  return kiosk.page.evaluate(() => {
    const audio = document.querySelector<HTMLAudioElement>('#speech-audio');
    return audio ? { src: new URL(audio.src, location.href).pathname, paused: audio.paused, volume: audio.volume } : null;
  });
}

/** Opens "Affichage", the header control that holds the voice and display settings. */
async function openSettings(): Promise<void> {
  const menu = kiosk.page.locator('[data-display-menu]');
  if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
}

/**
 * The visible texts of the screen that nothing can say: neither a mounted "Écouter" (screen,
 * dialog, list) nor the control's own audio (said on focus). A text counts as heard when a
 * heard text contains it (a name in <strong> inside a sentence is heard with the sentence).
 */
function unheard(where: string): Promise<string[]> {
  return kiosk.page.evaluate(([where, unspoken]) => {
    const audible = (window as unknown as { __audible: { texts: () => string[]; own: (e: Element) => boolean } }).__audible;
    const norm = (text: string) => text.replace(/\s+/g, ' ').trim();
    const heard = audible.texts().map(norm);
    // What the visit has said so far (the page stays the same document for the whole visit).
    const w = window as unknown as { __heardInVisit?: Set<string> };
    const visit = (w.__heardInVisit ??= new Set<string>());
    for (const text of heard) visit.add(text);
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = norm(node.textContent ?? '');
      const parent = node.parentElement;
      // Letters and digits only: a lone "−", "+" or "⌫" is a pictogram whose control says its name.
      if (!parent || !/\p{L}|\p{N}/u.test(text) || parent.closest('[aria-hidden="true"], .visually-hidden, .ticket, [hidden], script, style')) continue;
      const box = parent.getBoundingClientRect();
      if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: true }) || box.width === 0 || box.height === 0) continue;
      if (audible.own(parent) || heard.some((h) => h.includes(text))) continue;
      // A section's title is said on the first screen of the section, not on each of its screens.
      if (parent.closest('[data-said-once]') && visit.has(text)) continue;
      // A template that is documented as not spoken (UNSPOKEN_KEYS), whose variable part is heard.
      const template = parent.closest<HTMLElement>('[data-unspoken-key]');
      if (template && unspoken.includes(template.dataset.unspokenKey ?? '') && heard.some((h) => text.includes(h))) continue;
      out.push(`${where}: ${text}`);
    }
    return out;
  }, [where, Object.keys(UNSPOKEN_KEYS)] as const);
}

function listenButton(lang: Lang = 'fr') {
  return kiosk.page.locator('main').getByRole('button', { name: UI[lang].audio.listen, exact: true });
}

/** A whole visit in `lang`, from the waiting screen to the thanks: the texts nothing says. */
async function visitUnheard(lang: Lang, plan: Plan): Promise<string[]> {
  const { page } = kiosk;
  const ui = UI[lang];
  await kiosk.open();
  const silent: string[] = [];
  await page.getByRole('button', { name: fr.attract.start, exact: true }).click();
  await page.getByRole('option', { name: NATIVE_NAMES[lang], exact: true }).click();
  await page.getByRole('button', { name: ui.privacy.continue }).waitFor();
  await listenButton(lang).waitFor();
  silent.push(...(await unheard(`${lang} privacy`)));
  await page.getByRole('button', { name: ui.privacy.continue }).click();
  await walk(page, lang, plan, {
    beforeAnswer: async (id) => {
      await listenButton(lang).waitFor({ timeout: 5000 });
      silent.push(...(await unheard(`${lang} ${id}`)));
    },
  });
  await page.getByRole('heading', { name: ui.result.title, level: 1 }).waitFor();
  await listenButton(lang).waitFor();
  silent.push(...(await unheard(`${lang} result`)));
  if (lang === 'ar') {
    // The places' French names and addresses are said by the French voice, their phone numbers by the Arabic one.
    const start = (await played()).length;
    await page.evaluate(() => ((window as unknown as { __rate: number }).__rate = 10));
    await listenButton(lang).click();
    await expect.poll(async () => (await played()).slice(start).some((file) => file.startsWith('/audio/places/fr/')), { timeout: 20_000 }).toBe(true);
    await expect.poll(async () => (await played()).slice(start).some((file) => file.startsWith('/audio/places/ar/')), { timeout: 20_000 }).toBe(true);
    await page.evaluate(() => ((window as unknown as { __rate: number }).__rate = 1));
  }
  await page.getByRole('button', { name: ui.nav.finish }).click();
  await page.getByRole('heading', { name: ui.thanks.title, level: 1 }).waitFor();
  await listenButton(lang).waitFor();
  silent.push(...(await unheard(`${lang} thanks`)));
  return silent;
}

describe('Écouter', () => {
  it('plays the question, stops when the person answers, and can be repeated', async () => {
    const { page } = kiosk;
    await kiosk.open();
    await startVisit(page, 'fr');
    const id = await currentQuestionId(page);
    expect(id).toBe('ageBand');

    await listenButton().click();
    // The first screen of a part of the visit opens with the part's title.
    await expect.poll(element, { timeout: 10_000 }).toMatchObject({ src: `/audio/fr/q.${id}.label.opus`, paused: false });
    expect((await played()).slice(0, 2)).toEqual(['/audio/fr/section.profile.title.opus', `/audio/fr/q.${id}.label.opus`]);
    // While it speaks, the same button stops it.
    await expect(page.getByRole('button', { name: fr.audio.stop, exact: true }).count()).resolves.toBe(1);

    // Tapping an answer stops the voice, and nothing more is said.
    await page.locator('[data-code="A40_59"]').click();
    await expect.poll(async () => (await element())?.paused).toBe(true);
    const count = (await played()).length;
    await page.waitForTimeout(600);
    expect((await played()).length).toBe(count);

    // Again from the start.
    await listenButton().click();
    await expect.poll(async () => (await played()).at(-1), { timeout: 10_000 }).toBe(`/audio/fr/q.${id}.label.opus`);
    await expect.poll(async () => (await element())?.paused).toBe(false);

    // A control reached with the keyboard says its own name (not a tap: a tap acts at once).
    await page.locator('[data-code="A40_59"]').focus();
    let own: string | null = null;
    for (let i = 0; i < 10 && !own; i++) {
      await page.keyboard.press('Tab');
      own = await page.evaluate(() => document.activeElement?.getAttribute('data-spoken-key') ?? null);
    }
    expect(own).not.toBeNull();
    await expect.poll(async () => (await played()).at(-1)).toBe(`/audio/fr/${own}.opus`);

    // "Arrêter" asks aloud before ending anything.
    await page.getByRole('button', { name: fr.nav.quit, exact: true }).click();
    await expect.poll(async () => (await played()).at(-1)).toBe('/audio/fr/quitConfirm.title.opus');
    // Dialogs too: every word of the question and its answers can be heard.
    expect(await unheard('quit dialog')).toEqual([]);
    await page.getByRole('button', { name: fr.quitConfirm.cancel }).click();

    // "Demander de l'aide" is said as well as shown.
    await page.getByRole('button', { name: fr.help.button }).click();
    await expect.poll(async () => (await played()).at(-1), { timeout: 15_000 }).toBe('/audio/fr/help.coming.opus');
    expect((await played()).at(-2)).toBe('/audio/fr/help.requested.opus');
    expect(await unheard('help')).toEqual([]);

    await page.getByRole('button', { name: fr.help.cancel, exact: true }).click();

    // "Suivant" with no answer says and shows what to do, and stays on the question.
    await page.getByRole('button', { name: fr.nav.next, exact: true }).click();
    await expect.poll(() => currentQuestionId(page)).toBe('commune');
    expect(await page.locator('.nudge').count()).toBe(0);
    // aria-disabled, yet tappable: Playwright's actionability check would refuse it, a finger does not.
    await page.getByRole('button', { name: fr.nav.next, exact: true }).click({ force: true });
    await expect.poll(async () => (await played()).at(-1)).toBe('/audio/fr/question.answerFirst.opus');
    expect(await page.locator('.nudge[role="status"]').innerText()).toBe(fr.question.answerFirst);
    expect(await currentQuestionId(page)).toBe('commune');

    // The commune screen's answers say their own name on keyboard focus, as every other answer.
    await page.locator('main [role="radio"][data-code^="C"]').first().focus();
    // Away and back with the arrows: "J'habite ailleurs" is next, then the first commune again.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    const commune = await page.evaluate(() => document.activeElement?.getAttribute('data-spoken-key') ?? null);
    expect(commune).toMatch(/^commune\./);
    await expect.poll(async () => (await played()).at(-1)).toBe(`/audio/fr/${commune}.opus`);
  });

  it('is on every citizen screen', async () => {
    const { page } = kiosk;
    await kiosk.open();
    await listenButton().waitFor();
    expect(await listenButton().count()).toBe(1);
    const silent: string[] = [...(await unheard('attract'))];
    await page.getByRole('button', { name: fr.attract.start, exact: true }).click();
    await page.getByRole('option', { name: 'Français', exact: true }).waitFor();
    await listenButton().waitFor();
    expect(await listenButton().count()).toBe(1);
    // The language screen says each name in its own language.
    await listenButton().click();
    await expect.poll(async () => (await played())[0]).toBe('/audio/fr/language.title.opus');
    await expect.poll(async () => (await played()).filter((p) => p.endsWith('/nativeName.opus')).slice(0, 3), { timeout: 20_000 }).toEqual([
      '/audio/fr/nativeName.opus',
      '/audio/fr-x-falc/nativeName.opus',
      '/audio/ar/nativeName.opus',
    ]);
    silent.push(...(await unheard('language')));
    await page.getByRole('option', { name: 'Français', exact: true }).click();
    await page.getByRole('button', { name: fr.privacy.continue }).waitFor();
    await listenButton().waitFor();
    expect(await listenButton().count()).toBe(1);
    silent.push(...(await unheard('privacy')));
    await page.getByRole('button', { name: fr.privacy.continue }).click();

    // Every question and exercise, the result, and the thanks.
    const without: string[] = [];
    let sameAnswers: string[] = [];
    await walk(page, 'fr', BASIC_USER, {
      beforeAnswer: async (id) => {
        await listenButton().waitFor({ timeout: 5000 }).catch(() => without.push(id));
        silent.push(...(await unheard(id)));
        if (id !== 'taskWifi') return;
        // The same answers as the task before ("Seul ou seule", …): the question alone is said.
        const start = (await played()).length;
        await page.evaluate(() => ((window as unknown as { __rate: number }).__rate = 10));
        await listenButton().click();
        await expect.poll(async () => (await played()).length).toBeGreaterThan(start);
        await expect.poll(async () => (await element())?.paused, { timeout: 10_000 }).toBe(true);
        sameAnswers = (await played()).slice(start).filter((file) => file !== '/audio/fr/question.moreBelow.opus');
        await page.evaluate(() => ((window as unknown as { __rate: number }).__rate = 1));
      },
    });
    expect(without).toEqual([]);
    expect(sameAnswers).toEqual(['/audio/fr/q.taskWifi.label.opus']);
    await page.getByRole('heading', { name: fr.result.title, level: 1 }).waitFor();
    await listenButton().waitFor();
    silent.push(...(await unheard('result')));
    await page.getByRole('button', { name: fr.nav.finish }).click();
    await page.getByRole('heading', { name: fr.thanks.title, level: 1 }).waitFor();
    await listenButton().waitFor();
    silent.push(...(await unheard('thanks')));
    expect(silent).toEqual([]);
  });

  it('is on every screen of a visit in Arabic (right to left, French names by the French voice) and in FALC', async () => {
    // The short path (no internet): every kind of screen but the activities, at half the walk's cost.
    expect(await visitUnheard('ar', NO_INTERNET)).toEqual([]);
    expect(await visitUnheard('fr-x-falc', NO_INTERNET)).toEqual([]);
  });

  it('is on the closed screen, each language in its own voice, and in "Vous êtes toujours là ?"', async () => {
    const { page } = kiosk;
    // No opening in sight: "come back when the centre is open", recorded in every language.
    kiosk.services.settings.update({ openingHours: 'Feb 29 09:00-10:00' });
    try {
      await page.goto(`${kiosk.origin}/`);
      await page.getByRole('heading', { level: 1, name: fr.closed.title }).waitFor();
      await listenButton().waitFor();
      // Each language's recordings are listed in its own manifest, fetched when the screen
      // needs it: the last of the seven may arrive after "Écouter" shows (it shows as soon as
      // the French lines can be said). Every line must be heard once they are all there.
      await expect.poll(() => unheard('closed'), { timeout: 5000 }).toEqual([]);
      const start = (await played()).length;
      await page.evaluate(() => ((window as unknown as { __rate: number }).__rate = 10));
      await listenButton().click();
      await expect.poll(async () => (await played()).slice(start), { timeout: 15_000 }).toContain('/audio/ar/closed.comeBackLater.opus');
      await page.evaluate(() => ((window as unknown as { __rate: number }).__rate = 1));
      expect((await played()).slice(start, start + 3)).toEqual(['/audio/fr/closed.title.opus', '/audio/fr/closed.comeBackLater.opus', '/audio/fr/closed.thanks.opus']);
    } finally {
      kiosk.services.settings.update({ openingHours: '' });
    }
    await kiosk.open({ idle: 1500, warning: 30_000 });
    await startVisit(page, 'ar');
    await page.getByRole('alertdialog', { name: UI.ar.idle.title }).waitFor({ timeout: 10_000 });
    // Checked as it appears: the count on screen goes down each second, the voice said the first.
    expect(await unheard('still there')).toEqual([]);
  });

  it('reads each new screen by itself when automatic reading is on', async () => {
    const { page } = kiosk;
    await kiosk.open();
    await startVisit(page, 'fr');
    await openSettings();
    const auto = page.getByRole('button', { name: fr.audio.autoRead });
    expect(await auto.getAttribute('aria-pressed')).toBe('false');
    await auto.click();
    expect(await auto.getAttribute('aria-pressed')).toBe('true');
    // Turning it on reads the current screen at once.
    await expect.poll(async () => (await played()).at(-1)).toBe('/audio/fr/q.ageBand.label.opus');
    await page.locator('[data-code="A40_59"]').click();
    await page.getByRole('button', { name: fr.nav.next }).click();
    await expect.poll(() => currentQuestionId(page)).toBe('commune');
    await expect.poll(async () => (await played()).at(-1)).toBe('/audio/fr/q.commune.label.opus');
  });
});

describe('listening is presence', () => {
  // The whole commune screen is heard (at 10× speed): allow for a busy machine.
  it('reads the whole commune screen without a touch and without a warning, "Je ne sais pas" early; the idle clock starts when the voice ends', { timeout: 150_000 }, async () => {
    const { page } = kiosk;
    // The screen takes far longer to hear than the idle delay, even at 10× speed.
    await kiosk.open({ idle: 2500, warning: 10_000 });
    await startVisit(page, 'fr');
    await page.locator('[data-code="A40_59"]').click();
    await page.getByRole('button', { name: fr.nav.next }).click();
    await expect.poll(() => currentQuestionId(page)).toBe('commune');
    // Only the early answers and the groups are on screen: no list of 55 names to hear.
    expect(await page.locator('main [data-code^="C"]').count()).toBe(1);
    await page.evaluate(() => {
      const w = window as unknown as { __rate: number; __warned: boolean };
      w.__rate = 10;
      w.__warned = false;
      new MutationObserver(() => {
        if (document.querySelector('[role="alertdialog"]')) w.__warned = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    const start = (await played()).length;
    await listenButton().click();
    // The last name of the last group ends the list; the "more answers below" cue may follow
    // when the screen continues below (the commune screen does at this window size).
    await expect.poll(async () => (await played()).slice(start).includes('/audio/fr/commune.59635.opus'), { timeout: 60_000, interval: 250 }).toBe(true);
    await expect.poll(async () => (await element())?.paused, { timeout: 20_000 }).toBe(true);
    const heard = (await played()).slice(start);
    expect(heard.slice(heard.indexOf('/audio/fr/commune.59635.opus') + 1).every((file) => file === '/audio/fr/question.moreBelow.opus')).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __warned: boolean }).__warned)).toBe(false);
    expect(heard[0]).toBe('/audio/fr/q.commune.label.opus');
    // Cambrai, "J'habite ailleurs" and "Je ne sais pas" within the first few texts.
    expect(heard.indexOf('/audio/fr/commune.59122.opus')).toBeLessThan(5);
    expect(heard.indexOf('/audio/fr/q.commune.opt.OUTSIDE.opus')).toBeLessThan(6);
    const dontKnow = heard.indexOf('/audio/fr/question.dontKnow.opus');
    expect(dontKnow).toBeGreaterThan(0);
    expect(dontKnow).toBeLessThan(7);
    expect(heard.length).toBeLessThan(45);
    // Then, silence: the usual delay runs from the end of the voice.
    await page.getByRole('alertdialog', { name: fr.idle.title }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: fr.idle.continue }).click();

    // Opening a group shows its names only, and its own "Écouter" says them.
    await page.locator('[data-commune-group~="C59635"]').click();
    await page.locator('[data-code="C59635"]').waitFor();
    expect(await page.locator('main [data-code^="C"]').count()).toBe(8);
    await page.evaluate(() => ((window as unknown as { __rate: number }).__rate = 1));
    await page.locator('[data-listen="communes.6"]').click();
    await expect.poll(async () => (await played()).at(-1)).toBe('/audio/fr/commune.59593.opus');
  });
});

describe('volume and the end of the session', () => {
  it('changes the volume on screen, speaks the idle warning, and resets everything at the privacy reset', async () => {
    const { page } = kiosk;
    await kiosk.open({ idle: 2500, warning: 2500 });
    await startVisit(page, 'fr');
    await openSettings();
    const meter = page.getByRole('meter', { name: fr.audio.volume });
    expect(await meter.getAttribute('aria-valuenow')).toBe('4');

    await page.getByRole('button', { name: fr.audio.volumeDown }).click();
    await listenButton().click();
    await expect.poll(async () => (await element())?.volume).toBeCloseTo(0.6);
    expect(await meter.getAttribute('aria-valuenow')).toBe('3');
    await page.getByRole('button', { name: fr.audio.volumeUp }).click();
    await page.getByRole('button', { name: fr.audio.volumeUp }).click();
    await expect.poll(async () => (await element())?.volume).toBeCloseTo(1);
    await page.getByRole('button', { name: fr.audio.volumeDown }).click();
    await page.getByRole('button', { name: fr.audio.volumeDown }).click();
    await page.getByRole('button', { name: fr.audio.autoRead }).click();
    await expect.poll(async () => (await element())?.volume).toBeCloseTo(0.6);
    // Automatic reading now reads the screen: listening holds the idle clock until it stops.
    await page.getByRole('button', { name: fr.audio.stop, exact: true }).click();

    // "Vous êtes toujours là ?" is said as soon as it appears.
    const dialog = page.getByRole('alertdialog', { name: fr.idle.title });
    await dialog.waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await played()).at(-1)).toBe('/audio/fr/idle.title.opus');

    // No answer: the privacy reset brings back the waiting screen and the default voice.
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await page.getByRole('button', { name: fr.attract.start, exact: true }).waitFor();
    await expect.poll(async () => (await element())?.volume).toBeCloseTo(0.8);
    expect(await element()).toMatchObject({ paused: true });
    await openSettings();
    expect(await page.getByRole('meter', { name: fr.audio.volume }).getAttribute('aria-valuenow')).toBe('4');
    expect(await page.getByRole('button', { name: fr.audio.autoRead }).getAttribute('aria-pressed')).toBe('false');
  });
});

describe('without a file and without a local voice', () => {
  it('skips a key missing from the manifest', async () => {
    const { page } = kiosk;
    await page.route('**/audio/fr/manifest.json', async (route) => {
      const response = await route.fetch();
      const manifest = (await response.json()) as Record<string, unknown>;
      delete manifest['q.ageBand.label'];
      await route.fulfill({ response, json: manifest });
    });
    try {
      await kiosk.open();
      await startVisit(page, 'fr');
      await listenButton().click();
      // The label has no file and no voice: the sequence starts with the instruction.
      await expect.poll(async () => (await played())[1], { timeout: 10_000 }).toBe('/audio/fr/question.chooseOne.opus');
      expect((await played())[0]).toBe('/audio/fr/section.profile.title.opus');
      expect(await played()).not.toContain('/audio/fr/q.ageBand.label.opus');
      // The coverage check of "is on every citizen screen" sees the one text left without audio.
      expect(await unheard('ageBand')).toEqual([`ageBand: ${frQuestionnaire.q.ageBand.label}`]);
    } finally {
      await page.unrouteAll();
    }
  });

  it('shows no Écouter button and no voice settings at all', async () => {
    const { page } = kiosk;
    let served = 0;
    await page.route('**/audio/fr/manifest.json', async (route) => {
      served++;
      await route.fulfill({ json: {} });
    });
    try {
      await kiosk.open();
      await startVisit(page, 'fr');
      expect(served).toBeGreaterThan(0);
      await page.waitForTimeout(500);
      expect(await listenButton().count()).toBe(0);
      await openSettings();
      expect(await page.getByRole('button', { name: fr.audio.volumeUp }).count()).toBe(0);
      expect(await page.getByRole('button', { name: fr.audio.autoRead }).count()).toBe(0);
      // The rest of the kiosk is untouched.
      expect(await page.getByRole('button', { name: fr.help.button }).count()).toBe(1);
    } finally {
      await page.unrouteAll();
    }
  });
});
