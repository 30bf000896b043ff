/**
 * What `reperes export` loads before it starts (issue 13: the export must run within 3× the
 * start of `reperes --help`, and most of its time was loading modules it never used). Timing
 * belongs in the bench (`npm run bench -- --only export`); this guard only walks the static
 * imports, so that the analyst importer, the scoring or every locale cannot creep back into
 * the export's path unnoticed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importChain, moduleGraph, staticImports } from '../harness/module-graph';
import { repoRoot } from '../harness/repo-root';

const root = repoRoot();
const ENTRY = 'electron/cli/reperes.ts';
/** The modules the `export` command imports (with `await import()`) before the export runs. */
const EXPORT_MODULES = ['./database-kind', './destination', './export-command'];

/**
 * Packages an export may load: the database and the CSV views (it hashes and signs with
 * node:crypto). Not zod: loading it took a fifth of the export's budget, so what an export
 * reads (the identity file, the site's name) is checked by hand (identity-format.ts,
 * site-settings.ts), each proved equal to its schema by a test.
 */
const EXPORT_PACKAGES = ['better-sqlite3', 'papaparse'];

/** What an export never runs: the analysts' side, the other commands, the scoring, other languages. */
const NOT_FOR_EXPORT: [string, RegExp][] = [
  ['the analyst services (importer, guards, store)', /^electron\/services\/analyst\//],
  ['the analyst texts and dashboard', /^shared\/analyst\/(?!kiosk-health\.ts$)/],
  ['the other commands', /^electron\/cli\/(analyst-commands|publish-command|verify-command|bundle-paths|pack-commands|simulate)\.ts$/],
  ['the session repository and the scoring', /^(electron\/services\/sessions\.ts|shared\/scoring\/(?!types\.ts$)|shared\/orientation\/rules\.ts)/],
  ["the current questionnaire's hash", /^shared\/questionnaire\/current\.ts$/],
  ['every language (the CSV views are French)', /^shared\/i18n\/(resources\.ts|locales\/(?!fr\/))/],
  ['the schemas (bundle, health, settings, visit record, questionnaire, directory)', /^shared\/(export\/(bundle|health)-schema|settings\/schema|session\/record|questionnaire\/schema|orientation\/directory)\.ts$|^electron\/services\/settings\.ts$/],
];

function exportCommandSource(): string {
  const source = readFileSync(join(root, ENTRY), 'utf8');
  const start = source.indexOf('const exportCommand: Command');
  const end = source.indexOf('const verifyCommand: Command');
  expect(start, 'exportCommand in reperes.ts').toBeGreaterThan(0);
  return source.slice(start, end);
}

describe('the module graph walker', () => {
  it('keeps value imports and re-exports, and leaves out what the compiler erases', () => {
    const source = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "import { type C, type D } from './c';",
      "import { type E, f } from './e';",
      "import g from 'zod/v4';",
      "export { h } from './h';",
      "export type { I } from './i';",
      "const later = () => import('./later');",
    ].join('\n');
    expect(staticImports(source)).toEqual(['./a', './e', 'zod/v4', './h']);
  });

  it('follows imports from file to file (verify reaches the analyst guards)', () => {
    const graph = moduleGraph(root, ['electron/cli/verify-command.ts']);
    expect(graph.files).toContain('electron/services/analyst/guards.ts');
    expect(graph.files).toContain('shared/export/bundle.ts');
    expect(graph.packages).toContain('zod');
  });
});

describe('reperes export loads only what an export runs', () => {
  it('the entry (all that --help loads) imports each command only when it is asked for', () => {
    const graph = moduleGraph(root, [ENTRY]);
    expect([...graph.files].sort()).toEqual([ENTRY, 'shared/analyst/kiosk-health.ts', 'shared/printable.ts']);
    expect([...graph.packages]).toEqual(['node:util']);
  });

  it('the export command imports the modules this test walks', () => {
    const command = exportCommandSource();
    expect(command).toContain("import('./export-command')");
    // requireDatabase and requireDestination, called by the command.
    expect(command).toContain("requireDatabase(values.db, 'kiosk')");
    expect(command).toContain('requireDestination(values.out)');
    const source = readFileSync(join(root, ENTRY), 'utf8');
    for (const module of EXPORT_MODULES) expect(source).toContain(`import('${module}')`);
  });

  const graph = moduleGraph(root, [ENTRY, ...EXPORT_MODULES.map((m) => `electron/cli/${m.slice(2)}.ts`)]);

  it.each(NOT_FOR_EXPORT)('not %s', (_what, pattern) => {
    const found = [...graph.files].filter((file) => pattern.test(file));
    expect(found.map((file) => importChain(graph, file))).toEqual([]);
  });

  it('no package beyond the database and the CSV writer (no schema library)', () => {
    const packages = [...graph.packages].filter((name) => !name.startsWith('node:'));
    expect(packages.filter((name) => !EXPORT_PACKAGES.includes(name))).toEqual([]);
  });

  it('still reaches what an export needs (the walk is not empty)', () => {
    for (const file of ['electron/services/export/exporter.ts', 'electron/services/counts.ts', 'shared/export/csv.ts', 'shared/i18n/locales/fr/ui.json']) {
      expect(graph.files, file).toContain(file);
    }
  });
});
