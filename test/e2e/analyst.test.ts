/**
 * Analyst mode end to end: `reperes simulate` on three kiosk databases → `reperes export`
 * each twice with new sessions in between → `reperes import` of the six bundles in shuffled
 * order plus one duplicate → the dashboard (through the handlers, and in the analyst window
 * in Chromium) equals the totals of the three kiosk databases. Then the window's own import
 * (file picker with trust confirmation, drag and drop) and publication.
 *
 * With REPERES_ANALYST_SCREENSHOTS=1 it also writes the guide's screenshots
 * (docs/screenshots/analyst-*.png).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/reperes';
import { ANALYST_DATABASE_FILE } from '../../electron/services/analyst/migrations';
import { computeAnalystDashboard, panelById } from '../../shared/analyst/dashboard';
import { PUBLICATION_FILES } from '../../shared/analyst/publication';
import { textWidth } from '../../shared/analyst/charts';
import { BARRIER_ROWS, NEED_ROWS, RECOMMENDATION_ROWS } from '../../shared/analyst/dashboard';
import { ANALYST_LANGUAGES, codeName } from '../../shared/analyst/texts';
import { AUTONOMY_TASKS } from '../../shared/questionnaire/definition';
import { NO_FILTERS } from '../../shared/analyst/types';
import { addTables } from '../../shared/export/tables';
import { startAnalystBrowser, type AnalystBrowser } from '../harness/analyst-browser';
import { kioskTables, monthsAgo } from '../harness/analyst-fixtures';
import { repoRoot } from '../harness/repo-root';

const SCREENSHOTS = process.env['REPERES_ANALYST_SCREENSHOTS'] === '1';
const dir = mkdtempSync(join(tmpdir(), 'reperes-analyst-e2e-'));
const userDataDir = join(dir, 'analyst');
const analystDb = join(userDataDir, ANALYST_DATABASE_FILE);
const KIOSKS = [
  { site: 'LABO', seed: 101 },
  { site: 'CS-NORD', seed: 202 },
  { site: 'CS-SUD', seed: 303 },
] as const;
const K = 5;
const quiet = { out: () => undefined, err: (line: string) => console.error(line) };
const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const kioskDb = (site: string) => join(dir, `${site}.db`);
let harness: AnalystBrowser;
/** The analyst's clock: the kiosks' health test moves it two months on. */
let analystClock = () => new Date();
const importOutput: string[] = [];

/** Sessions stored by the kiosk databases, counted in SQL. */
/** Sessions, completed ones, and those the DSI panels count (completed + partial: category settled). */
function sqlTotals(files: readonly string[]): { sessions: number; completed: number; counted: number } {
  let sessions = 0;
  let completed = 0;
  let counted = 0;
  for (const file of files) {
    const db = new Database(file, { readonly: true });
    // The kiosk keeps counts: visits by status, and the completed-or-partial population of the DSI tables.
    const row = db
      .prepare(
        "SELECT (SELECT sum(visits) FROM visit_counts) AS n, (SELECT sum(visits) FROM visit_counts WHERE status = 'completed') AS c, (SELECT sum(count) FROM cell_counts WHERE table_id = 'month_completion_dsiCategory') AS d",
      )
      .get() as { n: number; c: number; d: number };
    db.close();
    sessions += row.n;
    completed += row.c;
    counted += row.d;
  }
  return { sessions, completed, counted };
}

/** A shuffle that differs from the export order but is the same at every run. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

beforeAll(async () => {
  const bundles: string[] = [];
  for (const { site, seed } of KIOSKS) {
    const usb = join(dir, `usb-${site}`);
    expect(await main(['simulate', '--db', kioskDb(site), '--sessions', '70', '--seed', String(seed), '--site', site, '--months', '4', '--until', day(monthsAgo(2))], quiet)).toBe(0);
    expect(await main(['export', '--db', kioskDb(site), '--out', usb], quiet)).toBe(0);
    expect(await main(['simulate', '--db', kioskDb(site), '--sessions', '40', '--seed', String(seed + 1), '--site', site, '--months', '2', '--until', day(new Date())], quiet)).toBe(0);
    expect(await main(['export', '--db', kioskDb(site), '--out', usb], quiet)).toBe(0);
    const files = readdirSync(usb).filter((f) => f.endsWith('.json')).sort();
    expect(files).toHaveLength(2);
    bundles.push(...files.map((f) => join(usb, f)));
  }
  const order = shuffled(bundles);
  expect(order).not.toEqual(bundles);
  const output = { out: (l: string) => importOutput.push(l), err: (l: string) => importOutput.push(l) };
  // `reperes import` creates the database file, never its folder.
  mkdirSync(userDataDir);
  // Plus a copy of one bundle under another name: a duplicate (the same path twice is read once).
  const copy = join(dir, 'copy-of-a-bundle.json');
  copyFileSync(order[2] as string, copy);
  expect(await main(['import', '--db', analystDb, '--trust-new', ...order, copy], output)).toBe(0);
  harness = await startAnalystBrowser({ userDataDir, now: () => analystClock() });
}, 80_000);

afterAll(async () => {
  await harness?.close();
});

describe('analyst mode, end to end', () => {
  it('imports six bundles in any order plus a duplicate, and the dashboard equals the kiosk databases', async () => {
    expect(importOutput.join('\n')).toMatch(/6 accepted, 1 duplicate\(s\), 0 rejected/);
    expect(importOutput.join('\n')).not.toMatch(/sequenceGap|periodOverlap|missing sequence/);
    const files = KIOSKS.map((k) => kioskDb(k.site));
    const expectedTables = addTables(...files.map((f) => kioskTables(f)));
    const totals = sqlTotals(files);
    expect(totals.sessions).toBe(330);

    const dashboard = await harness.services.handlers['analyst:dashboard']({ filters: NO_FILTERS, k: K });
    const expected = computeAnalystDashboard({ byMonth: expectedTables, wholeExports: expectedTables, bundles: 6, kiosks: 3, straddling: 0 }, NO_FILTERS, K);
    expect(dashboard).toEqual(expected);
    const participation = panelById(dashboard, 'participation').table;
    expect(participation?.total).toBe(totals.sessions);
    expect(participation?.columnTotals[0]).toBe(totals.completed);
    expect(dashboard.coverage.sessions).toBe(totals.sessions);
    // Completed and partial visits by default (the dashboard says so).
    expect(totals.counted).toBeGreaterThan(totals.completed);
    expect(panelById(dashboard, 'dsi').table?.total).toBe(totals.counted);
    expect(dashboard.completion).toBe('withPartial');

    // The same numbers in the analyst window.
    await harness.open();
    const coverage = harness.page.getByTestId('coverage');
    await coverage.waitFor();
    await expect.poll(() => coverage.textContent()).toContain(`${totals.sessions} sessions`);
    const foot = (panel: string, col: string) => harness.page.locator(`table[data-table="${panel}"] tfoot td[data-col="${col}"]`).textContent();
    expect(await foot('participation', 'total')).toBe(String(totals.sessions));
    expect(await foot('participation', 'completed')).toBe(String(totals.completed));
    expect(await foot('dsi', 'total')).toBe(String(totals.counted));
    expect(await harness.page.getByTestId('completion-note').textContent()).toMatch(/visites terminées et visites partielles/);
    const share = panelById(dashboard, 'illectronisme').overallShare;
    expect(await harness.page.getByTestId('local-share').textContent()).toBe(share === null || share === undefined ? 's' : `${share.toLocaleString('fr-FR')}\u202F%`);
    expect(await harness.page.getByTestId('national-share').textContent()).toBe('15,4\u202F%');
    // Beside a national figure, always: the visitors are not a random sample of residents.
    expect(await harness.page.getByTestId('not-random-sample').textContent()).toContain('ne sont pas un échantillon aléatoire des habitants');
    const standardised = await harness.page.getByTestId('standardised-share').textContent();
    expect(standardised === 's' || standardised === 'nd' || /^\d+(,\d)?\u202F%$/.test(standardised ?? '')).toBe(true);
    expect(await harness.page.getByTestId('reference').textContent()).toContain('RP2021');
    await expect.poll(() => harness.page.locator('[data-testid="commune-map"] path').count()).toBe(55);
    // No serious accessibility fault on the dashboard (WCAG 2.2 AA rules).
    const axe = await new AxeBuilder({ page: harness.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    // Hidden cells look the same whatever their value.
    const hidden = await harness.page.locator('td[data-hidden="true"]').allTextContents();
    expect(new Set(hidden)).toEqual(new Set(['s']));
    if (SCREENSHOTS) {
      const shots = join(repoRoot(), 'docs/screenshots');
      mkdirSync(shots, { recursive: true });
      await harness.page.screenshot({ path: join(shots, 'analyst-dashboard.png') });
      await harness.page.locator('section[data-panel="illectronisme"]').screenshot({ path: join(shots, 'analyst-illectronisme.png') });
      await harness.page.locator('section[data-panel="communes"]').screenshot({ path: join(shots, 'analyst-map.png') });
    }
  });

  it('filters by site and age band, and says which panels a filter cannot cut', async () => {
    await harness.page.getByLabel('Site').selectOption('LABO');
    await harness.page.getByLabel("Tranche d'âge").selectOption('A60_74');
    await harness.page.getByRole('button', { name: 'Appliquer' }).click();
    const labo = kioskTables(kioskDb('LABO'));
    const filters = { ...NO_FILTERS, site: 'LABO', ageBand: 'A60_74' };
    const expected = computeAnalystDashboard({ byMonth: labo, wholeExports: labo, bundles: 2, kiosks: 1, straddling: 0 }, filters, K);
    expect(await harness.services.handlers['analyst:dashboard']({ filters, k: K })).toEqual(expected);
    await expect.poll(() => harness.page.locator('section[data-panel="participation"] [data-testid="unavailable"]').count()).toBe(1);
    const completed60 = panelById(expected, 'dsi').table?.total;
    expect(await harness.page.locator('table[data-table="dsi"] tfoot td[data-col="total"]').textContent()).toBe(completed60 === null ? 's' : String(completed60));
    await harness.page.getByRole('button', { name: 'Effacer les filtres' }).click();
  });

  it('imports from the file picker with trust confirmation, and by drag and drop', async () => {
    const usb = join(dir, 'usb-MEDIA');
    expect(await main(['simulate', '--db', kioskDb('MEDIA'), '--sessions', '30', '--seed', '404', '--site', 'MEDIA', '--months', '2'], quiet)).toBe(0);
    expect(await main(['export', '--db', kioskDb('MEDIA'), '--out', usb], quiet)).toBe(0);
    const bundle = join(usb, readdirSync(usb).find((f) => f.endsWith('.json')) as string);
    const junk = join(dir, 'reperes-junk.json');
    writeFileSync(junk, readFileSync(bundle, 'utf8').slice(0, 500));
    const page = harness.page;
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    harness.pickFiles([bundle, junk]);
    await page.getByRole('button', { name: 'Choisir des fichiers…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('fingerprint').textContent()).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){7}$/);
    await expect.poll(() => page.locator('tr[data-status="rejected"]').count()).toBe(1);
    expect(await page.locator('tr[data-status="rejected"]').textContent()).toContain("n'est pas du JSON valide");
    if (SCREENSHOTS) await page.screenshot({ path: join(repoRoot(), 'docs/screenshots/analyst-import-trust.png'), fullPage: true });
    await dialog.getByRole('checkbox').check();
    await dialog.getByRole('button', { name: 'Importer les bornes cochées' }).click();
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toBe('1 accepté(s), 0 doublon(s), 0 refusé(s)');
    if (SCREENSHOTS) await page.screenshot({ path: join(repoRoot(), 'docs/screenshots/analyst-import-report.png'), fullPage: true });

    // Drag and drop of the same file: a duplicate, nothing changes.
    const dataTransfer = await page.evaluateHandle(
      ({ name, text }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], name, { type: 'application/json' }));
        return dt;
      },
      { name: 'reperes-media.json', text: readFileSync(bundle, 'utf8') },
    );
    await page.dispatchEvent('[data-testid="drop-zone"]', 'drop', { dataTransfer });
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toBe('0 accepté(s), 1 doublon(s), 0 refusé(s)');
    const overview = await harness.services.handlers['analyst:overview'](undefined);
    expect(overview.kiosks).toHaveLength(4);
    expect(overview.bundles).toBe(7);
  });

  it('lists kiosks with their key fingerprint and epochs, and removes a kiosk or an export after a confirmation', async () => {
    const page = harness.page;
    await page.getByRole('button', { name: 'Bornes', exact: true }).click();
    await page.getByRole('heading', { name: 'Bornes et exports' }).waitFor();
    const overview = await harness.services.handlers['analyst:overview'](undefined);
    const media = overview.kiosks.find((k) => k.siteCode === 'MEDIA');
    expect(media).toBeDefined();
    const row = page.locator(`tr[data-row="${media?.pseudonym}"]`);
    expect(await row.getByTestId('kiosk-fingerprint').textContent()).toBe(media?.fingerprint);
    expect(await row.locator('td[data-col="missing"]').textContent()).toContain("série d'origine : 1 export, jusqu'au n° 1 ; aucun manquant");

    // Cancel changes nothing.
    await row.getByRole('button', { name: `Retirer la borne ${media?.pseudonym}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Retirer cette borne ?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`clé ${media?.fingerprint}`);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect((await harness.services.handlers['analyst:overview'](undefined)).kiosks).toHaveLength(4);

    // Confirmed: the kiosk and its export leave the database and the dashboard.
    await row.getByRole('button', { name: `Retirer la borne ${media?.pseudonym}` }).click();
    await dialog.getByRole('button', { name: 'Retirer définitivement' }).click();
    await expect.poll(() => page.getByTestId('removal-outcome').textContent()).toContain(`${media?.pseudonym} retiré : 1 export, 30 sessions`);
    await expect.poll(() => row.count()).toBe(0);
    const after = await harness.services.handlers['analyst:overview'](undefined);
    expect(after.kiosks.map((k) => k.siteCode).sort()).toEqual(['CS-NORD', 'CS-SUD', 'LABO']);
    expect(after.sessions).toBe(330);

    // One export of a kiosk: then reported missing; importing the file again brings it back.
    const labo = after.kiosks.find((k) => k.siteCode === 'LABO');
    const first = labo?.exports.find((e) => e.sequence === 1);
    await page.locator(`details[data-kiosk="${labo?.pseudonym}"] summary`).click();
    await page.getByRole('button', { name: `Retirer l'export n° 1 de la borne ${labo?.pseudonym}` }).click();
    await page.getByRole('dialog', { name: 'Retirer cet export ?' }).getByRole('button', { name: 'Retirer définitivement' }).click();
    await expect.poll(() => page.locator(`tr[data-row="${labo?.pseudonym}"] td[data-col="missing"]`).textContent()).toContain('manquant : n° 1');
    const usb = join(dir, 'usb-LABO');
    const file = readdirSync(usb).find((f) => f.endsWith('000001.json')) as string;
    const back = await harness.services.handlers['analyst:import-files']({ files: [{ name: file, base64: readFileSync(join(usb, file)).toString('base64') }] });
    expect(back.accepted).toBe(1);
    expect((await harness.services.handlers['analyst:overview'](undefined)).kiosks.find((k) => k.siteCode === 'LABO')?.exports.map((e) => e.exportId)).toContain(first?.exportId);
  });

  it("shows each kiosk's health and flags kiosks with no export for more than the days the analyst sets", async () => {
    const page = harness.page;
    await page.getByRole('button', { name: 'Bornes', exact: true }).click();
    await page.getByRole('heading', { name: 'Bornes et exports' }).waitFor();
    const labo = (await harness.services.handlers['analyst:overview'](undefined)).kiosks.find((k) => k.siteCode === 'LABO');
    const row = page.locator(`tr[data-row="${labo?.pseudonym}"]`);
    const health = row.locator('td[data-col="health"]');
    expect(await health.textContent()).toContain(`Application ${labo?.health?.appVersion}, questionnaire ${labo?.health?.questionnaireVersion}`);
    expect(await health.textContent()).toContain('Reprises après incident : page 0, arrêt brutal 0, base de données 0');
    expect(await health.textContent()).toContain('Aucune sauvegarde sur la borne');
    expect(await page.getByTestId('overdue-flag').count()).toBe(0);

    // Two months later, with the default 45 days: every kiosk is flagged, in words.
    analystClock = () => new Date(Date.now() + 60 * 86_400_000);
    try {
      const days = page.getByLabel('Signaler une borne sans export depuis plus de');
      expect(await days.inputValue()).toBe('45');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await expect.poll(() => page.getByTestId('overdue-summary').textContent()).toContain('3 bornes sans export depuis plus de 45 jours');
      expect(await row.locator('td[data-col="lastExport"]').textContent()).toContain('Sans export depuis plus de 45 jours');
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
      if (SCREENSHOTS) await page.screenshot({ path: join(repoRoot(), 'docs/screenshots/analyst-kiosks-health.png'), fullPage: true });

      // A refused number changes nothing; 90 days is stored and lifts the flags.
      await days.fill('0');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('Indiquez un nombre entier de jours, de 1 à 730.');
      await days.fill('90');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await expect.poll(() => page.getByTestId('overdue-setting-message').textContent()).toBe('Enregistré : une borne est signalée après 90 jours sans export.');
      await expect.poll(() => page.getByTestId('overdue-summary').count()).toBe(0);
      expect(await page.getByTestId('overdue-flag').count()).toBe(0);
      expect((await harness.services.handlers['analyst:overview'](undefined)).overdueAfterDays).toBe(90);
    } finally {
      analystClock = () => new Date();
      harness.services.handlers['analyst:set-overdue-days']({ days: 45 });
    }
  });

  it('publishes from the window into the folder the analyst picks', async () => {
    const folder = join(dir, 'open-data');
    mkdirSync(folder, { recursive: true });
    harness.pickPublishFolder(folder);
    await harness.page.getByRole('button', { name: 'Publier', exact: true }).click();
    await harness.page.getByRole('button', { name: 'Choisir le dossier et publier' }).click();
    const outcome = harness.page.getByTestId('publish-outcome');
    await outcome.waitFor({ timeout: 60_000 });
    expect(await outcome.textContent()).toMatch(/fichier\(s\) écrits/);
    expect(readFileSync(join(folder, PUBLICATION_FILES.pdf)).subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(existsSync(join(folder, PUBLICATION_FILES.csv))).toBe(true);
    expect(existsSync(join(folder, PUBLICATION_FILES.charts, '09-carte-participation.png'))).toBe(true);
    if (SCREENSHOTS) await harness.page.screenshot({ path: join(repoRoot(), 'docs/screenshots/analyst-publish.png'), fullPage: true });

    // The charts' labels are laid out with widths estimated in shared code (no canvas there):
    // the estimate must never be shorter than what Chromium draws, or a label would be cut.
    const labels = ANALYST_LANGUAGES.flatMap((lng) => ([['task', AUTONOMY_TASKS], ['need', NEED_ROWS], ['barrier', BARRIER_ROWS], ['recommendation', RECOMMENDATION_ROWS]] as const).flatMap(([d, codes]) => codes.map((c) => codeName(lng, d, c))));
    labels.push('WWWWWWWWWW', 'mmmmmmmmmm', '0123456789');
    const drawn = await harness.page.evaluate((texts) => {
      const context = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
      context.font = "12px Luciole, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif";
      return texts.map((t) => context.measureText(t).width);
    }, labels);
    labels.forEach((label, i) => expect(textWidth(label, 12), label).toBeGreaterThanOrEqual(drawn[i] as number));
  }, 90_000);
});
