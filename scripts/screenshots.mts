/**
 * `npm run screenshots -- --out <dir> --lang <language> --scale 1|2 --contrast normal|high`:
 * one PNG per kiosk screen, taken in real Chromium through the same harness as the end-to-end
 * tests (docs/screenshots/ by default), in any of the seven languages, at 100 % or 200 % text,
 * in normal or high contrast (set through the header buttons, as a citizen would).
 *
 * File names: `<lang>[-200][-hc]-NN-<screen>.png`, e.g. `fr-03-privacy.png`,
 * `fr-x-falc-03-privacy.png`, `ar-03-privacy.png`, `fr-200-03-privacy.png`.
 *
 * `npm run screenshots -- --all` makes the documented sets (French, FALC, Arabic, French at
 * 200 %) and `fr-result.png`, the README's main image.
 *
 * When Debian's `pngquant` is installed (apt-get install -y pngquant), the PNGs are reduced to
 * 256 colours, about a third of their size; without it they are kept as Chromium wrote them.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LANGUAGES, NATIVE_NAMES, type Language } from '../shared/i18n/languages';
import { setDisplay, showStillThere, type Contrast, type DisplayCombo } from '../test/harness/display';
import { startKioskBrowser, type KioskBrowser } from '../test/harness/kiosk-browser';
import { walk, UI, type Plan } from '../test/harness/walkthrough';
import { EVERY_SCREEN } from '../test/e2e/profiles';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/screenshots' },
    lang: { type: 'string', default: 'fr' },
    scale: { type: 'string', default: '1' },
    contrast: { type: 'string', default: 'normal' },
    all: { type: 'boolean', default: false },
  },
});
const outDir = resolve(values.out);
mkdirSync(outDir, { recursive: true });

function option<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`--${name} must be one of ${allowed.join(', ')} (got ${value})`);
  return value as T;
}

interface ShotSet {
  lang: Language;
  combo: DisplayCombo;
}

const sets: ShotSet[] = values.all
  ? [
      { lang: 'fr', combo: { percent: 100, contrast: 'normal' } },
      { lang: 'fr-x-falc', combo: { percent: 100, contrast: 'normal' } },
      { lang: 'ar', combo: { percent: 100, contrast: 'normal' } },
      { lang: 'fr', combo: { percent: 200, contrast: 'normal' } },
    ]
  : [
      {
        lang: option<Language>('lang', values.lang, LANGUAGES),
        combo: {
          percent: option('scale', values.scale, ['1', '2']) === '2' ? 200 : 100,
          contrast: option<Contrast>('contrast', values.contrast, ['normal', 'high']),
        },
      },
    ];

/**
 * The every-screen visit of the accessibility and layout checks (same screens, same path),
 * with fuller answers for the pictures: two activities where one was enough, varied levels of
 * autonomy, two wishes.
 */
const plan: Plan = {
  ...EVERY_SCREEN,
  actInformation: ['HEALTH_INFO', 'NEWS'],
  actCommunication: ['EMAIL', 'MESSAGING'],
  taskUnlock: 'ALONE',
  taskWifi: 'WITH_HELP',
  taskBrowser: 'ALONE',
  taskPassword: 'WITH_HELP',
  taskEmail: 'WITH_HELP',
  taskVideoCall: 'ALONE',
  taskProcedure: 'CANNOT',
  taskAppointment: 'WITH_HELP',
  exTap: 'SUCCESS',
  exScroll: 'SUCCESS',
  exType: 'SUCCESS',
  exPhishing: 'SUCCESS',
  exSecureSite: 'SUCCESS',
  wantsToLearn: ['PROCEDURES', 'SAFETY'],
};

function prefixOf({ lang, combo }: ShotSet): string {
  return [lang, combo.percent === 200 ? '200' : '', combo.contrast === 'high' ? 'hc' : ''].filter(Boolean).join('-');
}

async function shootSet(kiosk: KioskBrowser, set: ShotSet): Promise<string[]> {
  const { page } = kiosk;
  const ui = UI[set.lang];
  const prefix = prefixOf(set);
  const files: string[] = [];
  let n = 1;
  const shot = async (name: string) => {
    const file = join(outDir, `${prefix}-${String(n++).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
    console.log(file);
  };

  await kiosk.open({ thanks: 600_000 });
  // Set on the waiting screen, kept for the whole visit.
  await setDisplay(page, set.combo);
  await shot('attract');
  await page.getByRole('button', { name: UI.fr.attract.start, exact: true }).click();
  await page.getByRole('option', { name: NATIVE_NAMES[set.lang], exact: true }).waitFor();
  await shot('language');
  await page.getByRole('option', { name: NATIVE_NAMES[set.lang], exact: true }).click();
  await page.getByRole('button', { name: ui.privacy.continue }).waitFor();
  await shot('privacy');
  await page.getByRole('button', { name: ui.privacy.continue }).click();
  await page.locator('main[data-question]').waitFor();
  await walk(page, set.lang, plan, {
    beforeAnswer: async (id) => {
      await shot(`question-${id}`);
      if (id === 'ageBand') {
        await page.getByRole('button', { name: ui.help.button }).click();
        await page.getByRole('status').filter({ hasText: ui.help.coming }).waitFor();
        await shot('help');
        await page.getByRole('button', { name: ui.help.cancel, exact: true }).click();
      }
    },
  });
  await page.getByRole('heading', { level: 1, name: ui.result.title }).waitFor();
  // The result as the accompanied person and their mediator see it: professional view open.
  await page.getByText(ui.result.professionalView).click();
  await shot('result');
  await page.getByRole('button', { name: ui.nav.finish }).click();
  await page.getByRole('heading', { level: 1, name: ui.thanks.title }).waitFor();
  await shot('thanks');
  await showStillThere(kiosk, NATIVE_NAMES[set.lang], ui.idle.title, set.combo);
  await shot('still-there');
  return files;
}

/** Palette PNGs with pngquant, if installed (a file it cannot make smaller is left alone). */
function compress(files: string[]): void {
  if (files.length === 0) return;
  if (spawnSync('pngquant', ['--version']).status !== 0) {
    console.log('pngquant not found: PNGs kept uncompressed (apt-get install -y pngquant)');
    return;
  }
  for (let i = 0; i < files.length; i += 50) {
    const batch = files.slice(i, i + 50);
    const result = spawnSync('pngquant', ['--quality', '70-95', '--speed', '1', '--strip', '--skip-if-larger', '--force', '--ext', '.png', '--', ...batch]);
    // 98 and 99: some file could not be made smaller or prettier, and was kept as it was.
    if (result.status !== 0 && result.status !== 98 && result.status !== 99) throw new Error(`pngquant failed: ${result.stderr.toString()}`);
  }
}

const kiosk = await startKioskBrowser({ viewport: { width: 1280, height: 800 } });
const written: string[] = [];
try {
  for (const set of sets) {
    const files = await shootSet(kiosk, set);
    written.push(...files);
    if (set.lang === 'fr' && set.combo.percent === 100 && set.combo.contrast === 'normal') {
      const result = files.find((f) => f.endsWith('-result.png'));
      if (result) {
        copyFileSync(result, join(outDir, 'fr-result.png'));
        written.push(join(outDir, 'fr-result.png'));
      }
    }
  }
} finally {
  await kiosk.close();
}
compress(written);
