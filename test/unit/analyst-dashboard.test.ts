/**
 * The analyst dashboard's rules (which filter cuts which panel, illectronisme by age as the
 * kiosk flagged it with "unknown" shown apart, the period rule for tables without months, the
 * completion choice and its stated default, the declared-versus-observed panel), its national
 * references, its texts in French and English, and the locally drawn map.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalystServices } from '../../electron/services/analyst/index';
import { importSources } from '../../electron/services/analyst/importer';
import { loadCommuneMap } from '../../electron/services/analyst/publish';
import { computeAnalystDashboard, monthRange, panelById } from '../../shared/analyst/dashboard';
import { classBreaks, fillOf, MAP_HIDDEN_COLOUR, MAP_ZERO_COLOUR } from '../../shared/analyst/map';
import { INSEE_ILLECTRONISME_2021 } from '../../shared/analyst/references';
import { ANALYST_TEXTS, analystText, codeName } from '../../shared/analyst/texts';
import { IMPORT_REJECTIONS, IMPORT_WARNINGS, NO_FILTERS, PANEL_IDS } from '../../shared/analyst/types';
import type { Tables } from '../../shared/export/tables';
import communes from '../../shared/questionnaire/communes.generated.json';
import { kioskTables, monthsAgo, readBundle, simulateAndExport } from '../harness/analyst-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'reperes-analyst-dashboard-'));
let tables: Tables;
let files: string[];

beforeAll(async () => {
  files = [
    ...(await simulateAndExport(join(dir, 'k.db'), join(dir, 'usb'), { sessions: 60, seed: 21, site: 'LABO', until: monthsAgo(3), months: 3 })),
    ...(await simulateAndExport(join(dir, 'k.db'), join(dir, 'usb'), { sessions: 40, seed: 22, site: 'LABO', until: monthsAgo(0), months: 2 })),
  ];
  tables = kioskTables(join(dir, 'k.db'));
}, 60_000);

const input = (t: Tables) => ({ byMonth: t, wholeExports: t, bundles: 1, kiosks: 1, straddling: 0 });

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

describe('analyst dashboard', () => {
  const sum = (id: string, keep: (c: Record<string, string | number>) => boolean = () => true) =>
    (tables[id]?.cells ?? []).filter(keep).reduce((s, c) => s + c.count, 0);

  it('shows illectronisme by age as the kiosk flagged it, "unknown" apart and out of the share', () => {
    const d = computeAnalystDashboard(input(tables), NO_FILTERS, 1);
    const panel = panelById(d, 'illectronisme');
    const ill = panel.table;
    expect(ill?.columns.codes).toEqual(['YES', 'NO', 'unknown']);
    expect(ill?.columnTotals[0]).toBe(sum('ageBand_completion_illectronisme', (c) => c['illectronisme'] === 'YES'));
    expect(ill?.columnTotals[2]).toBe(sum('ageBand_completion_illectronisme', (c) => c['illectronisme'] === 'unknown'));
    expect(ill?.total).toBe(sum('ageBand_completion_illectronisme'));
    const yes = ill?.columnTotals[0] ?? 0;
    const no = ill?.columnTotals[1] ?? 0;
    expect(panel.overallShare).toBe(Math.round((1000 * yes) / (yes + no)) / 10);
  });

  it('counts partial visits by default and says so; "completed only" leaves them out', () => {
    const d = computeAnalystDashboard(input(tables), NO_FILTERS, 1);
    expect(d.completion).toBe('withPartial');
    const withPartial = panelById(d, 'illectronisme').table?.total;
    const only = computeAnalystDashboard(input(tables), { ...NO_FILTERS, completion: 'completedOnly' }, 1);
    expect(only.completion).toBe('completedOnly');
    expect(panelById(only, 'illectronisme').table?.total).toBe(sum('ageBand_completion_illectronisme', (c) => c['completion'] === 'completed'));
    expect(withPartial).toBe(sum('ageBand_completion_illectronisme'));
    expect(sum('ageBand_completion_illectronisme', (c) => c['completion'] === 'partial')).toBeGreaterThan(0);
    // The DSI panel follows the same choice, month by month by default.
    expect(panelById(d, 'dsi')).toMatchObject({ period: 'months' });
    expect(panelById(d, 'dsi').table?.total).toBe(sum('month_ageBand_dsiCategory'));
    expect(panelById(only, 'dsi').table?.total).toBe(sum('ageBand_completion_dsiCategory', (c) => c['completion'] === 'completed'));
    // The French dashboard states the default and why.
    expect(analystText('fr', 'dashboard.completionNote.withPartial')).toMatch(/par défaut/);
  });

  it('shows declared versus observed: the exercises’ level beside the DSI category of completed visits', () => {
    const d = computeAnalystDashboard(input(tables), NO_FILTERS, 1);
    const panel = panelById(d, 'declaredObserved');
    expect(panel.table?.rows).toEqual({ dimension: 'observedLevel', codes: ['notObserved', 'low', 'partial', 'high'] });
    expect(panel.table?.columns.codes).toContain('notDetermined');
    expect(panel.table?.total).toBe(sum('month_status', (c) => c['status'] === 'completed'));
    const high = sum('observedLevel_dsiCategory_ageBand', (c) => c['observedLevel'] === 'high');
    expect(panel.table?.rowTotals[3]).toBe(high);
  });

  it('marks panels a filter cannot cut as unavailable, and cuts the others', () => {
    const byAge = computeAnalystDashboard(input(tables), { ...NO_FILTERS, ageBand: 'A60_74' }, 5);
    expect(panelById(byAge, 'participation')).toMatchObject({ status: 'unavailable', blockedBy: ['ageBand'] });
    expect(panelById(byAge, 'communes')).toMatchObject({ status: 'unavailable', blockedBy: ['ageBand'] });
    expect(panelById(byAge, 'dsi').table?.rows.codes).toEqual(['A60_74']);
    expect(panelById(byAge, 'autonomy').status).toBe('ok');
    const both = computeAnalystDashboard(input(tables), { ...NO_FILTERS, ageBand: 'A60_74', commune: 'C59122' }, 5);
    expect(panelById(both, 'dsi')).toMatchObject({ status: 'unavailable', blockedBy: ['ageBand', 'commune'] });
    const commune = computeAnalystDashboard(input(tables), { ...NO_FILTERS, commune: 'C59122' }, 5);
    expect(panelById(commune, 'dsi')).toMatchObject({ status: 'ok', period: 'wholeExports' });
    expect(panelById(commune, 'dsi').table?.rows).toEqual({ dimension: 'commune', codes: ['C59122'] });
    expect(panelById(commune, 'needs')).toMatchObject({ status: 'unavailable', blockedBy: ['commune'] });
  });

  it('cuts month tables month by month, and counts only whole exports in the others', async () => {
    const services = createAnalystServices({ userDataDir: join(dir, 'analyst') });
    try {
      importSources(services.store, files.map((f) => ({ name: f, read: { ok: true, bytes: readFileSync(f) } })), { trust: () => 'trust' });
      const first = readBundle(files[0] as string).export;
      const second = readBundle(files[1] as string).export;
      // From the first export's last month: the first export straddles the bound.
      const filters = { ...NO_FILTERS, from: first.to, to: second.to };
      const d = await services.handlers['analyst:dashboard']({ filters, k: 3 });
      const inPeriod = tables['month_status']?.cells.filter((c) => String(c['month']) >= first.to && String(c['month']) <= second.to).reduce((s, c) => s + c.count, 0);
      expect(panelById(d, 'participation').table?.total).toBe(inPeriod);
      expect(panelById(d, 'participation').table?.rows.codes).toEqual(monthRange(first.to, second.to));
      expect(d.coverage.straddling).toBe(1);
      expect(panelById(d, 'autonomy').period).toBe('wholeExports');
      expect(panelById(d, 'needs').denominators?.[0]).toBe(
        readBundle(files[1] as string).tables['ageBand_completion_illectronisme']?.cells.filter((c) => c['completion'] === 'completed').reduce((s, c) => s + c.count, 0),
      );
    } finally {
      services.close();
    }
  });

  it('national references: INSEE 2021 with source; 40–59 recorded as not published rather than guessed', () => {
    expect(INSEE_ILLECTRONISME_2021.overall.percent).toBe(15.4);
    expect(Object.fromEntries(Object.entries(INSEE_ILLECTRONISME_2021.byAgeBand).map(([k, v]) => [k, v.percent]))).toEqual({ A15_24: 2, A25_39: 4, A40_59: null, A60_74: 24, A75_PLUS: 62 });
    expect(INSEE_ILLECTRONISME_2021.source.number).toBe('Insee Première n°1953');
    expect(INSEE_ILLECTRONISME_2021.year).toBe(2021);
  });

  it('has every analyst text in French and English', () => {
    expect(keys(ANALYST_TEXTS.en).sort()).toEqual(keys(ANALYST_TEXTS.fr).sort());
    for (const lng of ['fr', 'en'] as const) {
      for (const r of IMPORT_REJECTIONS) expect(analystText(lng, `import.reason.${r}`)).not.toBe(`import.reason.${r}`);
      for (const w of IMPORT_WARNINGS) expect(analystText(lng, `import.warning.${w}`)).not.toBe(`import.warning.${w}`);
      for (const p of PANEL_IDS) expect(analystText(lng, `dashboard.panel.${p}.title`)).not.toBe(`dashboard.panel.${p}.title`);
    }
    expect(codeName('fr', 'ageBand', 'A60_74')).toBe('60 à 74 ans');
    expect(codeName('fr', 'commune', 'C59122')).toBe('Cambrai');
    expect(codeName('en', 'dsiCategory', 'noSkills')).toBe('No overall digital skills');
  });

  it('draws the 55 communes from the shipped outlines, without tiles', async () => {
    const map = await loadCommuneMap();
    expect(map.shapes.map((s) => s.code).sort()).toEqual(communes.map((c) => c.code).sort());
    for (const shape of map.shapes) {
      for (const [x = 0, y = 0] of shape.path.replace(/[MZ]/g, ' ').split(/[L ]+/).filter(Boolean).map((p) => p.split(',').map(Number))) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(map.width);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(map.height);
      }
    }
    const breaks = classBreaks([0, 1, 2, 3, 4, 5, 6]);
    expect(breaks).toHaveLength(5);
    expect(fillOf(null, breaks)).toBe(MAP_HIDDEN_COLOUR);
    expect(fillOf(0, breaks)).toBe(MAP_ZERO_COLOUR);
  });
});
