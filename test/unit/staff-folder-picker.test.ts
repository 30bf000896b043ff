/** The folder dialog injected into the services by main.ts (Electron's dialog faked). */
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, Dialog } from 'electron';
import { createFolderPicker, defaultExportPath } from '../../electron/folder-picker';

vi.mock('electron', () => {
  throw new Error('the folder picker must only import Electron types');
});

function fakeDialog(result: { canceled: boolean; filePaths: string[] }) {
  return { showOpenDialog: vi.fn(async () => result) } as unknown as Pick<Dialog, 'showOpenDialog'> & { showOpenDialog: ReturnType<typeof vi.fn> };
}

describe('createFolderPicker', () => {
  it('asks for a folder, modal to the kiosk window, and returns it', async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/media/usb'] });
    const win = { isDestroyed: () => false } as unknown as BrowserWindow;
    expect(await createFolderPicker(dialog, () => win)()).toBe('/media/usb');
    const [parent, options] = dialog.showOpenDialog.mock.calls[0] as [BrowserWindow, { properties: string[] }];
    expect(parent).toBe(win);
    expect(options.properties).toContain('openDirectory');
  });

  it('returns null when staff cancel', async () => {
    expect(await createFolderPicker(fakeDialog({ canceled: true, filePaths: [] }), () => null)()).toBeNull();
  });

  it('opens where USB sticks are mounted when that folder exists', () => {
    expect(defaultExportPath((p) => p === '/run/media')).toBe('/run/media');
    expect(defaultExportPath(() => false)).toBeUndefined();
  });
});
