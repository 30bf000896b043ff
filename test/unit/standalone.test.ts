/**
 * The repository stands on its own (issue 18): what the project relies on from its domain is
 * written in its own docs/ (context, frameworks, privacy, accessibility, development), and no
 * file points to documents that are not in the repository — neither the notes it was first
 * written from, nor a Markdown link that leads outside or nowhere.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../harness/repo-root';

const root = repoRoot();
/** Tracked files and new ones not ignored: what a commit would hold. */
const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((path) => path !== '' && existsSync(join(root, path)));

function textOf(path: string): string | null {
  const bytes = readFileSync(join(root, path));
  // Binary files (audio, images, fonts) hold a NUL byte early on.
  return bytes.subarray(0, 8000).includes(0) ? null : bytes.toString('utf8');
}

// Spelled in two parts so that this file does not name them itself.
const OUTSIDE_NOTES = ['DOMAIN', 'ENGINEERING'].map((name) => `${name}.md`);

describe('the repository stands alone', () => {
  it('has its own pages for what it relies on from the domain', () => {
    for (const page of ['context', 'frameworks', 'privacy', 'accessibility', 'development']) {
      expect(existsSync(join(root, 'docs', `${page}.md`)), `docs/${page}.md`).toBe(true);
    }
    const frameworks = readFileSync(join(root, 'docs/frameworks.md'), 'utf8');
    // The DSI 2.0 item list with its survey variables, the thresholds, INSEE's figures and sources.
    for (const fact of ['I_IUIF', 'I_CPRG2', 'I_MAPS_CWSC', 'I_IUJOB', '15.4 %', '62 %', 'Insee Première', 'isoc_sk_dskl_i21', '3 or more']) {
      expect(frameworks, fact).toContain(fact);
    }
  });

  it('names no document kept outside it', () => {
    expect(files.length).toBeGreaterThan(100);
    const mentions = files.flatMap((path) => {
      const text = textOf(path);
      if (text === null) return [];
      return OUTSIDE_NOTES.filter((name) => text.includes(name)).map((name) => `${path}: ${name}`);
    });
    expect(mentions).toEqual([]);
  });

  it('has no Markdown link that leads outside the repository or to nothing', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const path of files.filter((p) => p.endsWith('.md'))) {
      const text = textOf(path) ?? '';
      // [text](target) and ![alt](target), outside code spans.
      for (const match of text.replace(/`[^`\n]*`/g, '').matchAll(/!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
        const target = match[1] ?? '';
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue;
        checked++;
        const file = decodeURIComponent(target.split('#')[0] ?? '');
        const resolved = isAbsolute(file) ? file : resolve(root, dirname(path), file);
        const inside = relative(root, resolved);
        if (inside.startsWith('..') || isAbsolute(inside) || !existsSync(resolved)) broken.push(`${path}: ${target}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(broken).toEqual([]);
  });
});
