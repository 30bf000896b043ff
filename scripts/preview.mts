/**
 * `npm run preview [-- --analyst] [-- --no-window]`: Repères without Electron, in any browser
 * of this machine. Serves the built renderer on 127.0.0.1 with a local bridge to the real
 * main-process services and their IPC gate (scripts/preview/), on real SQLite files kept in
 * ./.preview-data (or $REPERES_PREVIEW_DIR) between runs. Prints the address to open, token
 * included, and opens it in a Chromium window when there is a display.
 *
 * --analyst   the analyst mode, on a demo database made on first use from three simulated
 *             kiosks (reperes simulate + export + import)
 * --no-window print the address only, even with a display
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findChromiumExecutable, launchChromiumRenderer, type ClosableRenderer } from '../electron/services/analyst/chromium-renderer';
import { createAnalystServices, dispatchAnalyst } from '../electron/services/analyst/index';
import type { PublicationRenderer } from '../electron/services/analyst/publish';
import { dispatch } from '../electron/services/dispatch';
import { createKioskServices, KIOSK_DATABASE_FILE } from '../electron/services/kiosk';
import { errorDetails } from '../electron/services/log';
import { DEMO_KIOSKS, displayPath, ensureAnalystDemo } from './preview/analyst-demo';
import type { GatedInvoke } from './preview/bridge';
import { startPreviewServer } from './preview/server';
import { decideWindow, openWindow, windowCommand } from './preview/window';

const USAGE = `Usage: npm run preview [-- --analyst] [-- --no-window]

  (no option)   the citizen kiosk (and its staff area) on .preview-data/kiosk
  --analyst     the analyst mode on a demo database (.preview-data/analyst), made on first use
  --no-window   do not open a window, only print the address
  -h, --help    this help

Data folder: .preview-data, or $REPERES_PREVIEW_DIR. Delete it to start afresh.`;

let args: { analyst?: boolean; 'no-window'?: boolean; help?: boolean };
try {
  ({ values: args } = parseArgs({ options: { analyst: { type: 'boolean' }, 'no-window': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

// Whatever stops the preview (a data folder that cannot be written, a port refused…): one
// sentence rather than a stack trace; the details follow for whoever needs them.
process.on('uncaughtException', (error) => {
  console.error(`Repères preview stopped on an error: ${error.message}\n${error.stack ?? ''}`);
  process.exit(1);
});

const root = resolve(import.meta.dirname, '..');
const dataDir = resolve(process.env['REPERES_PREVIEW_DIR'] ?? join(root, '.preview-data'));
const shown = (path: string) => displayPath(path);
const onInternalError = (channel: string, error: unknown) => console.error(`[preview] ${channel} failed`, error);
const cleanups: (() => unknown)[] = [];
const lines: string[] = [];
let invoke: GatedInvoke;

if (args.analyst) {
  const analystDir = join(dataDir, 'analyst');
  const inbox = join(analystDir, 'inbox');
  const publication = join(analystDir, 'publication');
  mkdirSync(inbox, { recursive: true });
  console.log('Repères preview: preparing the analyst mode (the demo database is made on first use, a few seconds)…');
  const demo = await ensureAnalystDemo(analystDir);
  let renderer: ClosableRenderer | null = null;
  // PNG and PDF of the publication, by the system's Chromium (Electron's own engine in the app).
  const lazyRenderer: PublicationRenderer = {
    svgToPng: async (svg, size) => (renderer ??= await newRenderer()).svgToPng(svg, size),
    htmlToPdf: async (html) => (renderer ??= await newRenderer()).htmlToPdf(html),
  };
  const newRenderer = () => {
    const browser = findChromiumExecutable();
    if (!browser) throw new Error('no Chromium or Chrome found for the PNG and PDF files (set CHROME_PATH)');
    return launchChromiumRenderer(browser);
  };
  const analyst = createAnalystServices({
    userDataDir: analystDir,
    // No native dialogs in a browser: the "file picker" takes the bundles of the inbox folder.
    chooseBundleFiles: async () => {
      const files = readdirSync(inbox).filter((name) => /^reperes-.*\.json$/.test(name)).sort();
      console.log(`[preview] "Choisir des fichiers…": ${files.length} bundle(s) in ${shown(inbox)}`);
      return files.map((name) => join(inbox, name));
    },
    choosePublishFolder: async () => {
      mkdirSync(publication, { recursive: true });
      console.log(`[preview] publishing into ${shown(publication)}`);
      return publication;
    },
    renderer: lazyRenderer,
  });
  cleanups.push(() => analyst.close(), () => renderer?.close());
  invoke = (trusted, channel, payload) => dispatchAnalyst(analyst.handlers, trusted, channel, payload, { onInternalError });
  const visits = DEMO_KIOSKS.reduce((sum, k) => sum + k.sessions, 0);
  lines.push(
    `  Database:     ${shown(demo.database)} — demo data ${demo.created ? 'made now' : 'made on first use'}: ${DEMO_KIOSKS.length} simulated kiosks, ${visits} visits, by`,
    ...demo.commands.map((command) => `                  ${command}`),
    `  Import:       "Choisir des fichiers…" takes the bundles in ${shown(inbox)}; or drop files on the page`,
    `  Publication:  written to ${shown(publication)}`,
  );
} else {
  const kioskDir = join(dataDir, 'kiosk');
  const usb = join(kioskDir, 'usb');
  const kiosk = createKioskServices({
    userDataDir: kioskDir,
    mode: 'kiosk',
    // No native dialogs in a browser: the staff area's "USB stick" is a folder of the preview.
    chooseExportFolder: async () => {
      mkdirSync(usb, { recursive: true });
      console.log(`[preview] staff export into ${shown(usb)}`);
      return usb;
    },
  });
  cleanups.push(() => kiosk.close());
  invoke = (trusted, channel, payload) =>
    dispatch(kiosk.handlers, trusted, channel, payload, {
      onInternalError: (channel, error) => {
        onInternalError(channel, error);
        kiosk.log.error('ipc.internalError', { channel, ...errorDetails(error) });
      },
    });
  lines.push(
    `  Database:     ${shown(join(kioskDir, KIOSK_DATABASE_FILE))} (kept between runs; delete ${shown(dataDir)} to start afresh)`,
    `  Staff area:   touch "Repères" 5 times; its exports go to ${shown(usb)}`,
  );
}

const rendererDir = join(root, 'out/renderer');
const entry = args.analyst ? 'analyst.html' : 'index.html';
if (!existsSync(join(rendererDir, entry))) {
  console.error(`Repères preview: ${shown(join(rendererDir, entry))} is missing. Run "npm run preview" (it builds first), or "npm run build" before this script.`);
  for (const cleanup of cleanups) await cleanup();
  process.exit(1);
}
const server = await startPreviewServer({ rendererDir, entry, invoke });
cleanups.unshift(() => server.close());

let stopping = false;
const windowPlan = decideWindow({ noWindow: args['no-window'] === true, env: process.env, platform: process.platform, browser: findChromiumExecutable() });
if (windowPlan.open) {
  const profile = join(dataDir, 'browser-profile');
  const child = openWindow(windowCommand(windowPlan.browser, server.address, profile, { isRoot: process.getuid?.() === 0 }), (error) => {
    if (stopping) return;
    if (error) console.log(`Could not open a window (${error.message}); open the address above in any browser.`);
    else console.log('The window was closed; the preview still answers at the address above (Ctrl+C to stop).');
  });
  cleanups.push(() => child.kill());
}

console.log(
  [
    '',
    `Repères preview — ${args.analyst ? 'the analyst mode' : 'the kiosk'}, without Electron, on this machine only`,
    '  Open in any browser of this machine (the token is part of the address):',
    `      ${server.address}`,
    ...lines,
    `  Window:       ${windowPlan.line}`,
    'Stop with Ctrl+C.',
  ].join('\n'),
);

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const cleanup of cleanups) {
    try {
      await cleanup();
    } catch (error) {
      console.error('[preview] while stopping:', error);
    }
  }
  console.log('Repères preview stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
