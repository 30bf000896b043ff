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
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';

/** Where removable media are mounted on Linux desktops; the dialog opens there when it exists. */
const MEDIA_ROOTS = ['/media', '/run/media'];

export function defaultExportPath(exists: (path: string) => boolean = existsSync): string | undefined {
  return MEDIA_ROOTS.find((path) => exists(path));
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
