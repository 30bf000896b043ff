/**
 * `npm run screenshots -- --out <dir>`: one PNG per kiosk screen, taken in real Chromium
 * through the same harness as the end-to-end tests (docs/screenshots/ by default).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startKioskBrowser } from '../test/harness/kiosk-browser';
import { startVisit, walk, UI, type Lang, type Plan } from '../test/harness/walkthrough';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'docs/screenshots' }, lang: { type: 'string', default: 'fr' } } });
const outDir = resolve(values.out);
const lang = (values.lang === 'en' ? 'en' : 'fr') as Lang;
mkdirSync(outDir, { recursive: true });

const plan: Plan = {
  ageBand: 'A60_74',
  commune: 'C59122',
  accompanied: 'PROFESSIONAL',
  smartphone: 'YES',
  computer: 'NO',
  homeInternet: 'YES',
  internetUse: 'EVERY_WEEK',
  actInformation: ['HEALTH_INFO', 'NEWS'],
  actCommunication: ['EMAIL', 'MESSAGING'],
  actContent: ['NONE'],
  actSafety: ['CHECK_SECURE_SITE'],
  actProblemSolving: ['INSTALL_APPS'],
  taskUnlock: 'ALONE',
  taskWifi: 'WITH_HELP',
  taskBrowser: 'ALONE',
  taskPassword: 'WITH_HELP',
  taskEmail: 'WITH_HELP',
  taskVideoCall: 'ALONE',
  taskProcedure: 'CANNOT',
  taskAppointment: 'WITH_HELP',
  exercisesIntro: 'YES',
  exTap: 'SUCCESS',
  exScroll: 'SUCCESS',
  exType: 'SUCCESS',
  exPhishing: 'SUCCESS',
  exSecureSite: 'SUCCESS',
  wantsToLearn: ['PROCEDURES', 'SAFETY'],
  barriers: ['FEAR_FRAUD'],
  procedureSoon: 'YES',
};

const kiosk = await startKioskBrowser({ viewport: { width: 1280, height: 800 } });
const { page } = kiosk;
const shot = async (name: string) => {
  const file = join(outDir, `${lang}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
};
try {
  await kiosk.open({ thanks: 600_000 });
  await shot('01-attract');
  await page.getByRole('button', { name: UI.fr.attract.start, exact: true }).click();
  await shot('02-language');
  await page.getByRole('button', { name: lang === 'fr' ? 'Français' : 'English', exact: true }).click();
  await shot('03-privacy');
  await page.goto(`${kiosk.origin}/?thanks=600000`);
  await startVisit(page, lang);
  let n = 4;
  await walk(page, lang, plan, { beforeAnswer: (id) => shot(`${String(n++).padStart(2, '0')}-question-${id}`) });
  await shot(`${String(n++).padStart(2, '0')}-result`);
  await page.getByRole('button', { name: UI[lang].nav.finish }).click();
  await shot(`${String(n++).padStart(2, '0')}-thanks`);
} finally {
  await kiosk.close();
}
