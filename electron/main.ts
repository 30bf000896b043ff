/**
 * Entry point of the kiosk's main process: the app's lifecycle and nothing else. What the
 * window, protocol, security and IPC do lives in their own modules.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerSaveBlocker, session } from 'electron';
import { restartCommand, scheduleDailyRestart } from './daily-restart';
import { PAINT_DEADLINE_MS } from './first-paint';
import { createFolderPicker } from './folder-picker';
import { registerIpcHandlers } from './ipc';
import { createOffscreenRenderer } from './offscreen-renderer';
import { registerAppScheme, serveApp } from './protocol';
import { parseRuntimeMode } from './runtime-mode';
import { hardenSession } from './security';
import { createAnalystServices } from './services/analyst';
import { createKioskServices } from './services/kiosk';
import { errorDetails } from './services/log';
import { createKioskWindow } from './window';
import type { PlaceAudio } from '../shared/pack/format';

const mode = parseRuntimeMode(process.argv, process.env);

// Scheme privileges are fixed when Chromium starts: this must precede 'ready'.
registerAppScheme();

// Chromium on Linux offers the system's voices (speech-dispatcher) to speechSynthesis only
// with this switch; without it every text that has no recording stays silent. Like every
// Chromium switch it must be set before 'ready' (docs/electron-behaviours.md).
if (process.platform === 'linux') app.commandLine.appendSwitch('enable-speech-dispatcher');

// A second launch (double tap on a launcher, autostart racing a technician) would open a
// second database connection and window: it only brings the running kiosk forward.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  let services: { close(): void } | null = null;
  let onNeverPainted: (() => void) | undefined;
  let onRecovered: (() => void) | undefined;

  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });

  app.on('window-all-closed', () => app.quit());

  // Closed last, after the window is gone, so no IPC call can arrive on a closed database.
  app.on('will-quit', () => {
    services?.close();
    services = null;
  });

  app
    .whenReady()
    .then(() => {
      Menu.setApplicationMenu(null);
      hardenSession(session.defaultSession, mode);
      // The applied pack's place recordings are served once the kiosk's services exist.
      let placeAudio: () => PlaceAudio | null = () => null;
      serveApp(join(__dirname, '../renderer'), () => placeAudio());
      const onInternalError = (channel: string, error: unknown) => console.error(`[reperes] ${channel} failed`, error);
      if (mode.analyst) {
        // Analyst mode: its own database and page, an ordinary window, no kiosk channels.
        const analyst = createAnalystServices({
          userDataDir: app.getPath('userData'),
          chooseBundleFiles: async () => {
            const options = { properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[], filters: [{ name: 'Exports Repères', extensions: ['json'] }] };
            const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
            return result.canceled ? null : result.filePaths;
          },
          choosePublishFolder: createFolderPicker(dialog, () => win),
          choosePlacesFile: async () => {
            const options = { properties: ['openFile'] as 'openFile'[], filters: [{ name: 'Lieux de médiation numérique (CSV)', extensions: ['csv'] }] };
            const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
            return result.canceled ? null : (result.filePaths[0] ?? null);
          },
          renderer: createOffscreenRenderer(),
        });
        services = analyst;
        registerIpcHandlers(ipcMain, analyst.handlers, { onInternalError });
      } else {
        const kiosk = createKioskServices({
          userDataDir: app.getPath('userData'),
          mode: 'kiosk',
          chooseExportFolder: createFolderPicker(dialog, () => win),
          // The only way out of the kiosk: the staff area's "quit" action.
          quitApp: () => app.quit(),
        });
        services = kiosk;
        placeAudio = () => kiosk.packs.placeAudio();
        // Internal errors also go to the kiosk's log (channel and error code, sanitized), for
        // the staff journal and the support bundle.
        registerIpcHandlers(ipcMain, kiosk.handlers, {
          onInternalError: (channel, error) => {
            onInternalError(channel, error);
            kiosk.log.error('ipc.internalError', { channel, ...errorDetails(error) });
          },
        });
        // Each reload of a crashed or hung page is counted for the health in the next export.
        onRecovered = () => kiosk.health.recordWindowRecovery();
        // An unattended kiosk must stay lit for the next visitor.
        powerSaveBlocker.start('prevent-display-sleep');
        // Once a day, between visits, a fresh start clears memory (electron/daily-restart.ts).
        scheduleDailyRestart({
          time: () => kiosk.dailyRestart().time,
          visitSince: () => kiosk.dailyRestart().visitSince,
          restart: () => {
            services?.close();
            services = null;
            const { relaunch, exitCode } = restartCommand(process.env);
            if (relaunch) app.relaunch();
            app.exit(exitCode);
          },
        });
        // A window that never paints is a black screen in a process that looks alive: exit
        // non-zero so that the session loop or systemd restarts Repères (first-paint.ts).
        if (!mode.dev) {
          onNeverPainted = () => {
            console.error(`[reperes] the kiosk window did not paint within ${PAINT_DEADLINE_MS / 1000} s: exiting so that the session restarts it`);
            kiosk.log.error('window.neverPainted');
            const flushed = Promise.race([kiosk.log.flush(), new Promise((resolve) => setTimeout(resolve, 2_000))]);
            void flushed.finally(() => {
              // app.exit skips 'will-quit': close the database here.
              services?.close();
              services = null;
              app.exit(1);
            });
          };
        }
      }
      win = createKioskWindow(mode, { onNeverPainted, onRecovered });
    })
    .catch((error: unknown) => {
      // Without its database or window the kiosk is useless; a non-zero exit lets the
      // session manager (systemd, autostart) restart it and leaves a trace in the log.
      console.error('[reperes] could not start the kiosk', error);
      app.exit(1);
    });
}
