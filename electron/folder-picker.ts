/**
 * The native folder dialog the staff area's export uses ("choose the USB stick"). The
 * services receive it as a plain `chooseExportFolder(): Promise<string | null>` (see
 * createKioskServices), so they stay testable without Electron.
 *
 * Wiring in main.ts:
 *   import { createFolderPicker } from './folder-picker';
 *   const kiosk = createKioskServices({
 *     userDataDir: app.getPath('userData'),
 *     mode: 'kiosk',
 *     chooseExportFolder: createFolderPicker(dialog, () => win),
 *     quitApp: () => app.quit(),
 *   });
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';

/** Where removable media are mounted on Linux; the dialog opens at the first that exists. */
const MEDIA_ROOTS = ['/media', '/run/media'];

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

/**
 * udisks2 (started with the kiosk session by udiskie, docs/deploiement.md) mounts a stick at
 * /media/<user>/<label> on Debian and Ubuntu, /run/media/<user>/<label> on Fedora and Arch:
 * opening there leaves staff one tap from the stick. Then the roots; on Windows, nothing.
 */
export function defaultExportPath(exists: (path: string) => boolean = existsSync, user: string = currentUser()): string | undefined {
  const perUser = /^[A-Za-z0-9._-]+$/.test(user) && !user.startsWith('.') ? MEDIA_ROOTS.map((root) => `${root}/${user}`) : [];
  return [...perUser, ...MEDIA_ROOTS].find((path) => exists(path));
}

export function createFolderPicker(dialog: Pick<Dialog, 'showOpenDialog'>, getWindow: () => BrowserWindow | null): () => Promise<string | null> {
  return async () => {
    const defaultPath = defaultExportPath();
    const options: OpenDialogOptions = {
      title: 'Choisir la clé USB',
      buttonLabel: 'Exporter ici',
      properties: ['openDirectory', 'createDirectory'],
      ...(defaultPath ? { defaultPath } : {}),
    };
    const win = getWindow();
    // Modal to the kiosk window so it stays on top of the full-screen kiosk.
    const result = win && !win.isDestroyed() ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
}
