/**
 * `npm run preview`: the kiosk without Electron. Serves the built renderer on 127.0.0.1 and
 * opens it in Chromium with the real main-process services on a SQLite file in
 * ./.preview-data (kept between runs so you can inspect it). Headless when there is no
 * display: then it prints the address of the database and waits until Ctrl+C.
 */
import { resolve } from 'node:path';
import { startKioskBrowser } from '../test/harness/kiosk-browser';

const headless = !process.env['DISPLAY'] && process.platform === 'linux';
const userDataDir = resolve(process.env['REPERES_PREVIEW_DIR'] ?? '.preview-data');
const kiosk = await startKioskBrowser({ headless, userDataDir });
await kiosk.open();
console.log(`Repères preview running in ${headless ? 'headless ' : ''}Chromium at ${kiosk.origin}`);
console.log(`Database: ${resolve(userDataDir, 'reperes-kiosk.db')}`);
if (headless) console.log('No display found: the page runs headless. Use `npm run screenshots -- --out <dir>` to see it.');
const stop = async () => {
  await kiosk.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
kiosk.browser.on('disconnected', () => void stop());
