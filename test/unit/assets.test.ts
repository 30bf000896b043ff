/**
 * The kiosk's inclusive assets (docs/accessibility.md): every pictogram the questionnaire and the UI
 * name exists as a well-formed SVG, fonts.css points only at shipped files, the shipped files
 * are the unmodified ones from the npm packages, and every licence travels with its asset.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { questionnaire } from '../../shared/questionnaire/definition';

const root = resolve(import.meta.dirname, '../..');
const pictogramsDir = join(root, 'assets/pictograms');
const fontsDir = join(root, 'assets/fonts');
const require = createRequire(import.meta.url);

/** Pictograms of the kiosk's own interface (see scripts/pictograms.ts). */
const UI_PICTOGRAMS = [
  'listen',
  'help',
  'text-size',
  'contrast',
  'next',
  'back',
  'check',
  'star',
  'thumbs-up',
  'print',
  'qr',
  'attract',
  'privacy',
  'thanks',
  'language',
  'idle',
  'volume',
];

function questionnairePictograms(): string[] {
  const ids = new Set<string>();
  for (const section of questionnaire.sections) ids.add(section.media.pictogram);
  for (const question of questionnaire.questions) {
    ids.add(question.media.pictogram);
    if ('options' in question) for (const option of question.options) ids.add(option.media.pictogram);
  }
  return [...ids].sort();
}

/** A small well-formedness check: an <svg> root (after an optional prolog), balanced tags. */
function svgProblem(text: string): string | null {
  if (text.trim().length === 0) return 'empty file';
  const body = text.replace(/^\uFEFF/, '').replace(/<!--[\s\S]*?-->/g, '');
  const start = body.replace(/^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?/, '');
  if (!/^<svg[\s>]/.test(start)) return 'does not start with <svg';
  if (!/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(start)) return 'no SVG namespace';
  if (!/viewBox="[^"]+"/.test(start)) return 'no viewBox';
  const stack: string[] = [];
  let elements = 0;
  for (const match of start.matchAll(/<(\/?)([A-Za-z][\w:.-]*)(?:\s[^>]*?)?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (closing) {
      if (stack.pop() !== name) return `unbalanced </${name}>`;
    } else if (!selfClosing) {
      stack.push(name!);
    }
    elements++;
  }
  if (stack.length > 0) return `unclosed <${stack.join('>, <')}>`;
  if (!start.trimEnd().endsWith('</svg>')) return 'content after </svg>';
  if (elements < 3) return 'no drawing inside <svg>';
  return null;
}

describe('pictograms', () => {
  const manifest = JSON.parse(readFileSync(join(pictogramsDir, 'manifest.json'), 'utf8')) as Record<
    string,
    { hexcode: string; annotation: string }
  >;

  it('the questionnaire uses a known, non-trivial set of pictograms', () => {
    expect(questionnairePictograms().length).toBeGreaterThan(40);
  });

  it.each(questionnairePictograms())('questionnaire pictogram "%s" is a well-formed SVG', (id) => {
    const file = join(pictogramsDir, `${id}.svg`);
    expect(existsSync(file), `assets/pictograms/${id}.svg`).toBe(true);
    expect(svgProblem(readFileSync(file, 'utf8'))).toBeNull();
  });

  it.each(UI_PICTOGRAMS)('UI pictogram "%s" is a well-formed SVG', (id) => {
    const file = join(pictogramsDir, `${id}.svg`);
    expect(existsSync(file), `assets/pictograms/${id}.svg`).toBe(true);
    expect(svgProblem(readFileSync(file, 'utf8'))).toBeNull();
  });

  it('manifest.json lists exactly the shipped SVGs, each with a hexcode and an annotation', () => {
    const svgs = readdirSync(pictogramsDir)
      .filter((f) => f.endsWith('.svg'))
      .map((f) => f.slice(0, -4))
      .sort();
    expect(Object.keys(manifest).sort()).toEqual(svgs);
    for (const id of [...questionnairePictograms(), ...UI_PICTOGRAMS]) expect(manifest, id).toHaveProperty(id);
    for (const [id, entry] of Object.entries(manifest)) {
      expect(entry.hexcode, id).toMatch(/^[0-9A-F]{4,5}(-[0-9A-F]{4,5})*$/);
      expect(entry.annotation.length, id).toBeGreaterThan(0);
    }
  });

  it('each SVG is the unmodified OpenMoji colour SVG named in the manifest', () => {
    const openmojiDir = dirname(require.resolve('openmoji/package.json'));
    for (const [id, { hexcode }] of Object.entries(manifest)) {
      const source = readFileSync(join(openmojiDir, 'color/svg', `${hexcode}.svg`));
      expect(readFileSync(join(pictogramsDir, `${id}.svg`)).equals(source), `${id}.svg = ${hexcode}.svg`).toBe(true);
    }
  });

  // The kiosk shows the PNG renderings (renderer/src/components/Pictogram.tsx): each must be
  // made from the SVG as it is now (`npm run pictograms:png`), square, at the recorded size.
  it('each SVG has its PNG rendering, made from the current SVG, at the recorded size', () => {
    const raster = JSON.parse(readFileSync(join(pictogramsDir, 'raster.json'), 'utf8')) as { size: number; sources: Record<string, string> };
    expect(raster.size).toBeGreaterThanOrEqual(160); // twice the largest size shown (5rem)
    const svgs = readdirSync(pictogramsDir).filter((f) => f.endsWith('.svg')).map((f) => f.slice(0, -4)).sort();
    expect(readdirSync(pictogramsDir).filter((f) => f.endsWith('.png')).map((f) => f.slice(0, -4)).sort()).toEqual(svgs);
    for (const id of svgs) {
      const sha = createHash('sha256').update(readFileSync(join(pictogramsDir, `${id}.svg`))).digest('hex');
      expect(raster.sources[id], `${id}.png is stale: npm run pictograms:png`).toBe(sha);
      const png = readFileSync(join(pictogramsDir, `${id}.png`));
      // PNG signature, then the IHDR chunk: width and height (big-endian) at bytes 16 and 20.
      expect(png.subarray(1, 4).toString('latin1'), id).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], id).toEqual([raster.size, raster.size]);
    }
  });
});

describe('fonts', () => {
  const css = readFileSync(join(fontsDir, 'fonts.css'), 'utf8');
  const faces = [...css.matchAll(/@font-face\s*{([^}]*)}/g)].map((m) => m[1]!);
  const urls = [...css.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)].map((m) => m[1]!);

  it('fonts.css references only files that exist, by relative url', () => {
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(url, url).toMatch(/^\.\/[\w.-]+\.woff2$/);
      expect(existsSync(join(fontsDir, url)), url).toBe(true);
    }
  });

  // renderer/index.html preloads the faces of the waiting screen: a preload whose URL or mode
  // differs from the face's own request is fetched for nothing, and the face fetched again late.
  it('the faces preloaded by index.html are faces of fonts.css, fetched as fonts (crossorigin)', () => {
    const html = readFileSync(join(root, 'renderer/index.html'), 'utf8');
    const preloads = [...html.matchAll(/<link\b[^>]*\brel="preload"[^>]*>/g)].map((m) => m[0]);
    expect(preloads.length).toBeGreaterThan(0);
    for (const link of preloads) {
      const href = /\bhref="\/fonts\/([\w.-]+\.woff2)"/.exec(link)?.[1];
      expect(href, link).toBeDefined();
      expect(urls, link).toContain(`./${href}`);
      expect(link).toMatch(/\bas="font"/);
      expect(link).toMatch(/\btype="font\/woff2"/);
      expect(link).toMatch(/\bcrossorigin\b/);
    }
  });

  it('every shipped font file is used by fonts.css', () => {
    const files = readdirSync(fontsDir).filter((f) => f.endsWith('.woff2'));
    expect(files.map((f) => `./${f}`).sort()).toEqual([...new Set(urls)].sort());
  });

  it('declares Luciole, Noto Sans Arabic and Noto Sans in 400 and 700, with font-display: swap', () => {
    const declared = faces.map((face) => {
      const family = /font-family:\s*'([^']+)'/.exec(face)?.[1];
      const weight = /font-weight:\s*(\d+)/.exec(face)?.[1];
      expect(face, `${family} ${weight}`).toMatch(/font-display:\s*swap/);
      return `${family} ${weight}`;
    });
    for (const family of ['Luciole', 'Noto Sans Arabic', 'Noto Sans'])
      for (const weight of ['400', '700']) expect(declared).toContain(`${family} ${weight}`);
  });

  it('the Arabic and Cyrillic faces are limited by unicode-range', () => {
    const arabic = faces.filter((f) => f.includes("'Noto Sans Arabic'"));
    const cyrillic = faces.filter((f) => /cyrillic/.test(f));
    expect(arabic.length).toBe(2);
    expect(cyrillic.length).toBe(2);
    for (const face of arabic) expect(face).toMatch(/unicode-range:[^;]*U\+0600-06FF/);
    for (const face of cyrillic) expect(face).toMatch(/unicode-range:[^;]*U\+0400-045F/);
  });

  it('the font files are the unmodified ones from the npm packages', () => {
    const packageFile = (pkg: string, path: string) => join(dirname(require.resolve(`${pkg}/package.json`)), path);
    for (const file of readdirSync(fontsDir).filter((f) => f.endsWith('.woff2'))) {
      const source = file.startsWith('Luciole-')
        ? packageFile('static-font', `assets/font/${file}`)
        : file.startsWith('noto-sans-arabic-')
          ? packageFile('@fontsource/noto-sans-arabic', `files/${file}`)
          : packageFile('@fontsource/noto-sans', `files/${file}`);
      expect(readFileSync(join(fontsDir, file)).equals(readFileSync(source)), file).toBe(true);
    }
  });
});

describe('licences', () => {
  const read = (path: string) => readFileSync(join(root, path), 'utf8');

  it('Luciole ships with its CC BY 4.0 licence and credit', () => {
    const text = read('assets/fonts/LICENSE-Luciole.txt');
    expect(text).toContain('CC BY 4.0');
    expect(text).toContain('Luciole © Laurent Bourcellier & Jonathan Perez');
    expect(text).toContain('https://creativecommons.org/licenses/by/4.0/');
  });

  it('the Noto fonts ship with the full OFL-1.1', () => {
    const text = read('assets/fonts/LICENSE-OFL.txt');
    expect(text).toContain('OFL');
    expect(text).toContain('SIL OPEN FONT LICENSE Version 1.1');
    expect(text).toContain('The Noto Project Authors');
  });

  it('the OpenMoji pictograms ship with their CC BY-SA 4.0 attribution', () => {
    const text = read('assets/pictograms/LICENSE.md');
    expect(text).toContain('CC BY-SA 4.0');
    expect(text).toContain('All emojis designed by OpenMoji – the open-source emoji and icon project. License: CC BY-SA 4.0');
    expect(text).toContain('https://creativecommons.org/licenses/by-sa/4.0/');
  });

  it('THIRD_PARTY_NOTICES.md names every shipped asset and its licence', () => {
    const text = read('THIRD_PARTY_NOTICES.md');
    for (const needle of ['Luciole', 'CC BY 4.0', 'Noto Sans Arabic', 'Noto Sans', 'OFL-1.1', 'OpenMoji', 'CC BY-SA 4.0', 'IGN', 'Licence Ouverte'])
      expect(text).toContain(needle);
  });
});
