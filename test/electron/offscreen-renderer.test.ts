/**
 * The analyst's PNG and PDF, drawn by Electron in a hidden window: the PNG has the pixels the
 * chart's SVG asks for, on a Windows window frame and a 125 % or 150 % display too; the hidden
 * window runs no script and reaches nothing but its own data: URL; a page that never paints
 * ends in a clear error, not a publication that waits for ever.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOffscreenRenderer, RENDER_TIMEOUT_MS } from '../../electron/offscreen-renderer';
import { FakeBrowserWindow, pngSize, resetFakes, session, simulate } from './electron-behaviour';

vi.mock('electron', async () => (await import('./electron-behaviour')).electronFake);

const SIZE = { width: 760, height: 420 };
const SVG = `<svg xmlns='http://www.w3.org/2000/svg' width='${SIZE.width}' height='${SIZE.height}'><rect width='760' height='420' fill='#fff'/></svg>`;

beforeEach(() => resetFakes());
afterEach(() => vi.useRealTimers());

describe('svgToPng', () => {
  it.each([
    { platform: 'linux', scaleFactor: 1 },
    { platform: 'win32', scaleFactor: 1 },
    { platform: 'win32', scaleFactor: 1.25 },
    { platform: 'win32', scaleFactor: 1.5 },
    { platform: 'darwin', scaleFactor: 2 },
  ] as const)('gives a PNG of exactly the SVG’s size on $platform at $scaleFactor×', async (machine) => {
    simulate(machine);
    const png = await createOffscreenRenderer().svgToPng(SVG, SIZE);
    expect(pngSize(png)).toEqual(SIZE);
  });

  it('lays the page out at the SVG’s size: the window frame is outside it, so nothing overflows', async () => {
    simulate({ platform: 'win32' });
    await createOffscreenRenderer().svgToPng(SVG, SIZE);
    const win = FakeBrowserWindow.created[0]!;
    expect(win.getContentSize()).toEqual([SIZE.width, SIZE.height]);
    expect(win.webContents.capturePage).toHaveBeenCalledWith({ x: 0, y: 0, ...SIZE });
  });

  it('runs no script, stays hidden, and is destroyed afterwards', async () => {
    await createOffscreenRenderer().svgToPng(SVG, SIZE);
    const win = FakeBrowserWindow.created[0]!;
    expect(win.options).toMatchObject({ show: false });
    expect(win.options.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(win.isVisible()).toBe(false);
    expect(win.isDestroyed()).toBe(true);
    expect(win.loadURL.mock.calls[0]?.[0]).toMatch(/^data:text\/html;charset=utf-8,/);
  });

  it('draws in a session of its own that refuses every request but data: URLs', async () => {
    await createOffscreenRenderer().svgToPng(SVG, SIZE);
    const [partition] = session.fromPartition.mock.calls[0]!;
    const own = session.fromPartition(partition);
    expect(own).not.toBe(session.defaultSession);
    expect(own.decide('data:image/png;base64,AAAA')).toEqual({ cancel: false });
    for (const url of ['https://evil.example/x.png', 'file:///etc/passwd', 'app://reperes/index.html']) expect(own.decide(url)).toEqual({ cancel: true });
  });

  it('gives up with a clear error when the page never paints, and closes its window', async () => {
    vi.useFakeTimers();
    simulate({ page: 'never-paints' });
    const result = createOffscreenRenderer().svgToPng(SVG, SIZE);
    const settled = expect(result).rejects.toThrow(/could not be drawn/);
    await vi.advanceTimersByTimeAsync(RENDER_TIMEOUT_MS);
    await settled;
    expect(FakeBrowserWindow.created[0]!.isDestroyed()).toBe(true);
  });
});

describe('htmlToPdf', () => {
  it('prints A4 with backgrounds from a hidden window laid out at the given size', async () => {
    simulate({ platform: 'win32', scaleFactor: 1.5 });
    const pdf = await createOffscreenRenderer().htmlToPdf('<!doctype html><title>Repères</title><p>Rapport');
    expect(Buffer.from(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const win = FakeBrowserWindow.created[0]!;
    // A tagged PDF with an outline: readable by a screen reader, navigable by its headings.
    expect(win.webContents.printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true, generateTaggedPDF: true, generateDocumentOutline: true });
    expect(win.getContentSize()).toEqual([1240, 1754]);
    expect(win.isDestroyed()).toBe(true);
  });

  it('gives up with a clear error when the document never loads', async () => {
    vi.useFakeTimers();
    simulate({ page: 'never-loads' });
    const result = createOffscreenRenderer().htmlToPdf('<p>x');
    const settled = expect(result).rejects.toThrow(/could not be drawn/);
    await vi.advanceTimersByTimeAsync(RENDER_TIMEOUT_MS);
    await settled;
    expect(FakeBrowserWindow.created[0]!.isDestroyed()).toBe(true);
  });
});
