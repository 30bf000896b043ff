/**
 * Renders every pictogram of assets/pictograms/ (OpenMoji SVG) to `<id>.png`, 192 × 192 px,
 * and records in raster.json the SHA-256 of the SVG each PNG was made from
 * (test/unit/assets.test.ts fails when an SVG changes and its PNG was not remade).
 *
 *   npm run pictograms:png        (needs Chromium; pngquant, if installed, shrinks the files)
 *
 * Why the kiosk shows PNGs and not the SVGs: Chromium records each SVG <img> as a vector
 * drawing on the main thread at every paint, about 0.4 ms per pictogram on a slow kiosk
 * (CPU ×4), and a question screen paints 15 to 35 of them: about 10 ms of the 48 ms between
 * the tap on "Suivant" and the next question (issue 17, bench/). A bitmap is one draw call.
 * 192 px is 2.4 times the largest size shown (5rem = 80 px): sharp on a high-density screen.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium } from '../test/harness/chromium';
import { repoRoot } from '../test/harness/repo-root';

export const PICTOGRAM_PNG_SIZE = 192;

const dir = resolve(repoRoot(), 'assets/pictograms');
const ids = readdirSync(dir)
  .filter((f) => f.endsWith('.svg'))
  .map((f) => f.slice(0, -4))
  .sort();
const browser = await launchChromium({ headless: true });
const hasPngquant = spawnSync('pngquant', ['--version']).status === 0;
try {
  const page = await browser.newPage({ viewport: { width: PICTOGRAM_PNG_SIZE, height: PICTOGRAM_PNG_SIZE }, deviceScaleFactor: 1 });
  const sources: Record<string, string> = {};
  for (const id of ids) {
    const svg = readFileSync(join(dir, `${id}.svg`));
    sources[id] = createHash('sha256').update(svg).digest('hex');
    const url = `data:image/svg+xml;base64,${svg.toString('base64')}`;
    await page.setContent(`<!doctype html><html><body style="margin:0"><img src="${url}" width="${PICTOGRAM_PNG_SIZE}" height="${PICTOGRAM_PNG_SIZE}" style="display:block"></body></html>`);
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    const file = join(dir, `${id}.png`);
    writeFileSync(file, await page.screenshot({ type: 'png', omitBackground: true, clip: { x: 0, y: 0, width: PICTOGRAM_PNG_SIZE, height: PICTOGRAM_PNG_SIZE } }));
    // Flat colours and outlines: a 256-colour palette loses nothing visible and divides the size by about three.
    if (hasPngquant) spawnSync('pngquant', ['--force', '--skip-if-larger', '--strip', '--speed', '1', '--output', file, '--', file]);
  }
  writeFileSync(join(dir, 'raster.json'), `${JSON.stringify({ size: PICTOGRAM_PNG_SIZE, sources }, null, 2)}\n`);
  process.stdout.write(`${ids.length} pictograms rendered to PNG${hasPngquant ? ' (pngquant)' : ''}\n`);
} finally {
  await browser.close();
}
