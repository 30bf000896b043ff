/**
 * The folder dialog injected into the services by main.ts ("choose the USB stick"), on the
 * behaviour-faithful Electron stand-in: modal to the kiosk window, null when staff cancel,
 * and opening where the system mounts USB sticks.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, Dialog } from 'electron';
import { createFolderPicker, defaultExportPath } from '../../electron/folder-picker';
import { dialog, FakeBrowserWindow, resetFakes } from './electron-behaviour';

vi.mock('electron', () => {
  throw new Error('the folder picker must only import Electron types');
});

const asDialog = (fake: typeof dialog): Pick<Dialog, 'showOpenDialog'> => fake as unknown as Pick<Dialog, 'showOpenDialog'>;

beforeEach(() => resetFakes());

describe('createFolderPicker', () => {
  it('asks for a folder, modal to the kiosk window, and returns it', async () => {
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/media/borne/CLE'] });
    const win = new FakeBrowserWindow({});
    expect(await createFolderPicker(asDialog(dialog), () => win as unknown as BrowserWindow)()).toBe('/media/borne/CLE');
    const [parent, options] = dialog.showOpenDialog.mock.calls[0] as [BrowserWindow, { properties: string[] }];
    expect(parent).toBe(win);
    expect(options.properties).toContain('openDirectory');
  });

  it('returns null when staff cancel', async () => {
    expect(await createFolderPicker(asDialog(dialog), () => null)()).toBeNull();
  });

  it('is not modal to a window that is gone', async () => {
    const win = new FakeBrowserWindow({});
    win.destroy();
    await createFolderPicker(asDialog(dialog), () => win as unknown as BrowserWindow)();
    expect(dialog.showOpenDialog.mock.calls[0]).toHaveLength(1);
  });
});

describe('defaultExportPath', () => {
  const only = (...paths: string[]) => (p: string) => paths.includes(p);

  // udisks2 mounts a stick at /media/<user>/<label> on Debian and Ubuntu (the path is built
  // into Debian 12's udisksd) and at /run/media/<user>/<label> on Fedora and Arch.
  it('opens the folder where udisks2 mounts the kiosk account’s sticks', () => {
    expect(defaultExportPath(only('/media', '/media/borne'), 'borne')).toBe('/media/borne');
    expect(defaultExportPath(only('/run/media', '/run/media/borne'), 'borne')).toBe('/run/media/borne');
  });

  it('falls back to the mount roots, then to nothing (Windows)', () => {
    expect(defaultExportPath(only('/media'), 'borne')).toBe('/media');
    expect(defaultExportPath(only('/run/media'), 'borne')).toBe('/run/media');
    expect(defaultExportPath(() => false, 'borne')).toBeUndefined();
  });

  it('never builds a path from a strange user name', () => {
    expect(defaultExportPath(() => true, '../etc')).toBe('/media');
    expect(defaultExportPath(() => true, '')).toBe('/media');
  });
});
