/**
 * Answer tap → next question painted, over a full questionnaire, in Repères and in SurveyJS
 * with the same answers, the same throttling and the same measurement (page/measure.js).
 *
 * The plan answers the first option of every single-choice question and the first two of
 * every multiple-choice question: internet used every day and exercises accepted, so the
 * longest path (29 questions, 28 question-to-question transitions). Exercises are skipped
 * (one tap in Repères, "Passé" then "Suivant" in SurveyJS). The measured tap is the one that
 * moves on ("Suivant", or "Passer cet exercice"); the last one, which saves and shows the
 * result, is reported apart.
 */
import type { Page } from 'playwright-core';
import { questionnaire } from '../../shared/questionnaire/definition';
import { communeGroups } from '../../shared/questionnaire/commune-groups';
import type { BenchBrowser, PageKind } from './pages';

export interface TransitionSample {
  from: string;
  to: string;
  domMs: number;
  /** In-page: to the end of the main thread's frame after the DOM change (page/measure.js). */
  paintMs: number;
  /** The browser's Event Timing duration of the click (to the next frame presented); null if under 16 ms. */
  eventMs: number | null;
  inputMs: number | null;
  processingMs: number | null;
  presentationMs: number | null;
}

/**
 * Whether the browser's figure covers the change: the next question was in the DOM by the end
 * of the click's handlers, so the next frame presented shows it. Not so for the last answer,
 * whose result screen waits for the save (the next frame shows the "saving" instant).
 */
export const eventCoversChange = (s: TransitionSample): boolean =>
  s.eventMs !== null && s.inputMs !== null && s.processingMs !== null && s.domMs <= s.inputMs + s.processingMs + 1;

/** The figure a sample counts with: the browser's own where it covers the change, else the in-page one. */
export const latencyOf = (s: TransitionSample): number => (eventCoversChange(s) ? (s.eventMs as number) : s.paintMs);

/**
 * The taps of each question: answer codes, or for an item-by-item screen one `<row index>=<code>`
 * per row (rows are shown in item order in both Repères and the SurveyJS matrix).
 */
export type Plan = Record<string, string[]>;

export function longestPathPlan(): Plan {
  const plan: Plan = {};
  for (const q of questionnaire.questions) {
    if (q.kind === 'exercise') plan[q.id] = ['SKIPPED'];
    // The commune screen shows the most populous commune first and the rest in closed groups:
    // the plan taps the one on screen, as a visitor would.
    else if (q.kind === 'single') plan[q.id] = [(q.id === 'commune' ? communeGroups().first[0] : undefined) ?? (q.options[0]?.code as string)];
    else if (q.kind === 'items') plan[q.id] = q.items.map((_, i) => `${i}=${i % 2 === 0 ? 'YES' : 'NO'}`);
    else plan[q.id] = q.options.filter((o) => !o.exclusive).slice(0, 2).map((o) => o.code);
  }
  return plan;
}

/** The selector of one planned tap, in Repères or in SurveyJS. */
function tapSelector(app: 'reperes' | 'surveyjs', id: string, tap: string): string {
  const row = /^(\d+)=(\w+)$/.exec(tap);
  if (app === 'reperes') {
    return row ? `main[data-question="${id}"] fieldset[data-item]:nth-of-type(${Number(row[1]) + 1}) [data-code="${row[2]}"]` : `main[data-question="${id}"] [data-code="${tap}"]`;
  }
  return row ? `.sd-question[data-name="${id}"] tbody tr:nth-of-type(${Number(row[1]) + 1}) input[value="${row[2]}"]` : `.sd-question[data-name="${id}"] input[value="${tap}"]`;
}

/**
 * How long the finger stays down in a measured tap. A tap on a touch screen lasts about 50 to
 * 150 ms between press and release; the time is measured from the release (the `click`). A
 * press and release sent back to back (no delay) would queue the release behind the press's
 * own handlers, which a real tap runs while the finger is still down.
 */
export const TAP_PRESS_MS = 80;

/**
 * The measured tap is real input: a mouse press and release at the element's centre sent
 * through the DevTools protocol (hit testing, pointer events, click, as a touch screen's
 * events go), TAP_PRESS_MS apart. Scrolled into view first, as a person would.
 */
async function measuredTap(page: Page, selector: string): Promise<TransitionSample> {
  const point = (await page.evaluate(`(() => {
    const element = document.querySelector(${JSON.stringify(selector)});
    if (!element) throw new Error('nothing matches ${selector.replace(/'/g, '')}');
    element.scrollIntoView({ block: 'center' });
    window.__bench.arm();
    const r = element.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  })()`)) as { x: number; y: number };
  await page.mouse.click(point.x, point.y, { delay: TAP_PRESS_MS });
  return (await page.evaluate('window.__bench.pending')) as TransitionSample;
}

/** Taps that only choose an answer (not measured) are done inside the page: faster. */
async function choose(page: Page, selectors: string[]): Promise<void> {
  await page.evaluate(`(() => {
    for (const selector of ${JSON.stringify(selectors)}) {
      const element = document.querySelector(selector);
      if (!element) throw new Error('nothing matches ' + selector);
      element.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, pointerType: 'touch' }));
      element.click();
    }
  })()`);
}

const currentId = (page: Page) => page.evaluate('window.__bench.currentId()') as Promise<string | null>;

/** From the attract or thanks screen to the first question, through the real screens. */
async function startReperesVisit(page: Page): Promise<void> {
  const again = page.locator('main.screen--centered:not(.attract) .button--large');
  if (await again.count()) await again.click();
  else await page.locator('main.attract button.button--primary').click();
  // The first language button is French (the settings list languages in LANGUAGES order).
  await page.locator('.choices--languages button').first().click();
  await page.locator('main .screen__nav .button--primary').click();
  await page.locator('main[data-question]').waitFor();
}

async function reperesQuestionnaire(page: Page, plan: Plan): Promise<TransitionSample[]> {
  await startReperesVisit(page);
  const samples: TransitionSample[] = [];
  for (let guard = 0; guard < 100; guard++) {
    const id = await currentId(page);
    if (id === null || id.startsWith('#')) break;
    const question = questionnaire.questions.find((q) => q.id === id);
    if (!question) throw new Error(`unknown question ${id}`);
    if (question.kind === 'exercise') {
      samples.push(await measuredTap(page, '.exercise__skip'));
      continue;
    }
    await choose(page, (plan[id] ?? ['DK']).map((tap) => tapSelector('reperes', id, tap)));
    samples.push(await measuredTap(page, 'main .screen__nav .button--primary'));
  }
  // Back to the waiting screen for the next run: Terminer, then the thank-you screen stays.
  await page.locator('main.screen--result .screen__nav .button--primary').click();
  await page.locator('main.screen--centered:not(.attract) .button--large').waitFor();
  return samples;
}

async function surveyJsQuestionnaire(page: Page, plan: Plan): Promise<TransitionSample[]> {
  // A fresh start, as the kiosk's "Recommencer": no data, first page.
  await page.evaluate('window.__survey.clear(true, true)');
  await page.locator('.sd-question[data-name]').first().waitFor();
  const samples: TransitionSample[] = [];
  for (let guard = 0; guard < 100; guard++) {
    const id = await currentId(page);
    if (id === null || id.startsWith('#')) break;
    await choose(page, (plan[id] ?? ['DK']).map((tap) => tapSelector('surveyjs', id, tap)));
    const next = (await page.locator('.sd-navigation__next-btn').count()) > 0 ? '.sd-navigation__next-btn' : '.sd-navigation__complete-btn';
    samples.push(await measuredTap(page, next));
  }
  return samples;
}

export interface TransitionRuns {
  /** Question-to-question transitions of every run. */
  samples: Record<PageKind, TransitionSample[]>;
  /** The last tap (save, result screen / completed page) of every run. */
  finish: Record<PageKind, TransitionSample[]>;
  /** Median of each run, to show the spread between runs. */
  runMedians: Record<PageKind, number[]>;
  questions: Record<PageKind, number>;
  /**
   * Main-thread time per measured questionnaire (DevTools Performance.getMetrics deltas, in
   * ms, throttled): where the time goes (script, style, layout, the rest: paint, GC, …).
   */
  mainThread: Record<PageKind, { taskMs: number; scriptMs: number; styleMs: number; layoutMs: number; layouts: number; styles: number }[]>;
}

/** `runs` full questionnaires in each, alternating Repères and SurveyJS so both see the same machine. */
export async function measureTransitions(bench: BenchBrowser, o: { runs: number; cpuRate: number; warmUp: boolean; log: (line: string) => void }): Promise<TransitionRuns> {
  const plan = longestPathPlan();
  const reperes = await bench.openPage('reperes', o.cpuRate);
  const surveyjs = await bench.openPage('surveyjs', o.cpuRate);
  const out: TransitionRuns = {
    samples: { reperes: [], surveyjs: [] },
    finish: { reperes: [], surveyjs: [] },
    runMedians: { reperes: [], surveyjs: [] },
    questions: { reperes: 0, surveyjs: 0 },
    mainThread: { reperes: [], surveyjs: [] },
  };
  for (const p of [reperes, surveyjs]) await p.cdp.send('Performance.enable');
  const metrics = async (kind: PageKind) => {
    const { metrics: list } = (await (kind === 'reperes' ? reperes : surveyjs).cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    return Object.fromEntries(list.map((m) => [m.name, m.value])) as Record<string, number>;
  };
  try {
    await reperes.page.goto(`${bench.origin.reperes}/`);
    await reperes.page.evaluate('window.__bench.ready');
    await surveyjs.page.goto(`${bench.origin.surveyjs}/`);
    await surveyjs.page.evaluate('window.__bench.ready');
    // One unmeasured warm-up run each: the first pass compiles and caches what later ones reuse.
    for (let run = o.warmUp ? -1 : 0; run < o.runs; run++) {
      for (const kind of ['reperes', 'surveyjs'] as const) {
        const page = kind === 'reperes' ? reperes.page : surveyjs.page;
        // The page not being measured is frozen (no tasks, no frames), so that its timers and
        // frames never compete with the measured page for the CPU.
        await (kind === 'reperes' ? surveyjs : reperes).cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
        await (kind === 'reperes' ? reperes : surveyjs).cdp.send('Page.setWebLifecycleState', { state: 'active' });
        const before = await metrics(kind);
        const all = kind === 'reperes' ? await reperesQuestionnaire(page, plan) : await surveyJsQuestionnaire(page, plan);
        const after = await metrics(kind);
        if (run < 0) continue;
        const delta = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0));
        out.mainThread[kind].push({
          taskMs: delta('TaskDuration') * 1000,
          scriptMs: delta('ScriptDuration') * 1000,
          styleMs: delta('RecalcStyleDuration') * 1000,
          layoutMs: delta('LayoutDuration') * 1000,
          layouts: delta('LayoutCount'),
          styles: delta('RecalcStyleCount'),
        });
        const between = all.filter((s) => !s.to.startsWith('#'));
        out.samples[kind].push(...between);
        out.finish[kind].push(...all.filter((s) => s.to.startsWith('#')));
        out.questions[kind] = between.length + 1;
        const sorted = between.map(latencyOf).sort((a, b) => a - b);
        out.runMedians[kind].push(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN);
      }
      if (run >= 0) o.log(`  run ${run + 1}/${o.runs}: median Repères ${out.runMedians.reperes.at(-1)?.toFixed(1)} ms, SurveyJS ${out.runMedians.surveyjs.at(-1)?.toFixed(1)} ms`);
    }
  } finally {
    await reperes.context.close();
    await surveyjs.context.close();
  }
  return out;
}
