// Injected into the kiosk page by the soak bench (plain JavaScript: see measure.js). Runs
// visits one after another by tapping the real buttons of the real screens (a pointerdown,
// which the kiosk counts as presence, then a click), never a test shortcut. Answers are drawn
// from what each screen shows, so every path of the skip logic comes up; about one visit in
// ten stops with "Arrêter" (saved as abandoned), the others go to the result and "Terminer".
(() => {
  // Mulberry32: small, seeded, enough to vary answers reproducibly.
  let seed = 1;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];

  // A macrotask turn: lets React commit and the IPC answer arrive.
  const tick = () =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });

  const waitFor = async (find, what) => {
    const deadline = performance.now() + 10000;
    for (;;) {
      const found = find();
      if (found) return found;
      if (performance.now() > deadline) throw new Error(`soak: no ${what} after 10 s (screen: ${document.querySelector('main')?.className})`);
      await tick();
    }
  };

  const tap = (element) => {
    element.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, cancelable: true, pointerType: 'touch' }));
    element.click();
  };

  const $ = (selector) => document.querySelector(selector);
  const questionId = () => $('main[data-question]')?.getAttribute('data-question') ?? null;
  // Language weights close to the simulator's (French mostly), by position in the list.
  const LANGUAGE_WEIGHTS = [0.82, 0.05, 0.04, 0.03, 0.03, 0.02, 0.01];

  async function answer(id) {
    const exercise = id.startsWith('ex') && id !== 'exercisesIntro';
    if (exercise) {
      // Half are done (where the gesture needs no text), the others skipped.
      const doIt = random() < 0.5;
      const target =
        doIt && id === 'exTap' ? $('.tap-target') : doIt && (id === 'exPhishing' || id === 'exSecureSite') ? $(`[data-card="${random() < 0.5 ? 'a' : 'b'}"]`) : $('.exercise__skip');
      tap(target ?? $('.exercise__skip'));
      return;
    }
    const main = $(`main[data-question="${id}"]`);
    const rows = [...main.querySelectorAll('fieldset[data-item]')];
    if (rows.length > 0) {
      // An item-by-item screen: one of Oui / Non / Je ne sais pas on every row, then Suivant.
      for (const row of rows) {
        tap(pick([...row.querySelectorAll('[data-code]')]));
        await tick();
      }
      await waitFor(() => rows.every((row) => row.querySelector('[aria-checked="true"]')), `every row answered on ${id}`);
      tap($('main .screen__nav .button--primary'));
      return;
    }
    const options = [...main.querySelectorAll('.choices:not(.choices--missing) [data-code]')];
    const missing = [...main.querySelectorAll('.choices--missing [data-code]')];
    const multiple = main.querySelector('[role="checkbox"]') !== null;
    if (missing.length > 0 && random() < 0.05) tap(pick(missing));
    else if (!multiple) tap(pick(options));
    else {
      // One to three boxes (the exclusive "none" may come up and clear the others).
      const count = 1 + Math.floor(random() * 3);
      for (let i = 0; i < count; i++) {
        tap(pick(options));
        await tick();
      }
      if (!main.querySelector('[aria-checked="true"]')) tap(options[0]);
    }
    await waitFor(() => main.querySelector('[aria-checked="true"]'), `answer shown on ${id}`);
    tap($('main .screen__nav .button--primary'));
  }

  async function visit(languageCount) {
    // From the waiting screen, or from the thank-you screen's "Recommencer".
    const start = await waitFor(() => $('main.attract button.button--primary') ?? $('main.screen--centered:not(.attract) .button--large'), 'start button');
    tap(start);
    const languages = await waitFor(() => {
      const buttons = document.querySelectorAll('.choices--languages button');
      return buttons.length > 0 ? buttons : null;
    }, 'language buttons');
    let u = random() * LANGUAGE_WEIGHTS.slice(0, languageCount).reduce((a, b) => a + b, 0);
    let index = 0;
    while (index < languageCount - 1 && u >= LANGUAGE_WEIGHTS[index]) {
      u -= LANGUAGE_WEIGHTS[index];
      index += 1;
    }
    tap(languages[Math.min(index, languages.length - 1)]);
    tap(await waitFor(() => $('main:not([data-question]) .screen__nav .button--primary'), 'privacy notice'));
    const quitAfter = random() < 0.1 ? Math.floor(random() * 20) : -1;
    for (let step = 0; ; step++) {
      const id = await waitFor(() => questionId() ?? ($('main.screen--result') ? '#result' : null), 'question or result');
      if (id === '#result') break;
      if (step === quitAfter) {
        // "Quitter" sits at the top and asks first (issue 17): confirm, as the visitor would.
        tap($('main .question__quit'));
        tap(await waitFor(() => $('dialog [data-quit="confirm"]'), 'the quit confirmation'));
        // Saved as abandoned, then the waiting screen.
        await waitFor(() => $('main.attract'), 'waiting screen after quitting');
        return 'abandoned';
      }
      await answer(id);
      await waitFor(() => questionId() !== id, `the step after ${id}`);
    }
    tap($('main.screen--result .screen__nav .button--primary'));
    await waitFor(() => $('main.screen--centered:not(.attract) .button--large'), 'thank-you screen');
    return 'completed';
  }

  window.__soak = {
    setSeed(value) {
      seed = value | 0;
    },
    /** Runs `count` visits; resolves with how many ended each way. */
    async run(count, languageCount) {
      const ended = { completed: 0, abandoned: 0 };
      for (let i = 0; i < count; i++) ended[await visit(languageCount)] += 1;
      return ended;
    },
  };
})();
