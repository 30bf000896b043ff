/**
 * `npm run bench`: Repères' performance benchmarks (issue 8), written to bench/results/ as
 * latest.json and latest.md. Every timing is a median (and p95) over several runs, and every
 * comparison (Repères ÷ SurveyJS, export ÷ bare GROUP BY) is measured in the same run.
 *
 *   npm run bench                       full sizes (about 20 min here, 12 of them the soak)
 *   npm run bench -- --smoke            tiny sizes (under 2 minutes), results in bench/.cache/smoke/
 *   npm run bench:smoke                 the same, for CI
 *
 * Options: --runs N (5), --cpu-rate N (4), --soak-sessions N (10000), --export-sessions N
 * (1000000), --export-base N (50000), --kiosks N (20), --months N (50), --bundle-sessions N
 * (150), --only transitions,coldload,soak,save,export,analyst, --out DIR, --no-build, --strict
 * (exit 1 when a target is missed), --no-readme. Sizes and the machine are written with the
 * results; a full run of every section at the default sizes also replaces the README's table.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { repoRoot } from '../test/harness/repo-root';
import { folderSize, measureColdLoads, surveyJsInKioskBuild, type LoadedFile } from './browser/cold-load';
import { startBenchBrowser } from './browser/pages';
import { runSoak } from './browser/soak';
import { eventCoversChange, latencyOf, measureTransitions } from './browser/transitions';
import { benchExport, benchImportPublish, benchStartup } from './cli/commands';
import { bundleDataset, kioskDataset } from './cli/datasets';
import { measureSaves } from './cli/save';
import { currentLoad, machineInfo } from './lib/machine';
import { withReadmeBlock } from './lib/readme';
import { writeResults, type BenchResults, type Metric } from './lib/report';
import { round, summarize } from './lib/stats';
import { checkSkipLogic } from './surveyjs/skip-logic';
import { surveyJsConfig } from './surveyjs/vite.config';

const SECTIONS = ['transitions', 'coldload', 'soak', 'save', 'export', 'analyst'] as const;
type Section = (typeof SECTIONS)[number];

function options() {
  const { values } = parseArgs({
    options: {
      smoke: { type: 'boolean', default: false },
      runs: { type: 'string' },
      'cpu-rate': { type: 'string' },
      'soak-sessions': { type: 'string' },
      'export-sessions': { type: 'string' },
      'export-base': { type: 'string' },
      kiosks: { type: 'string' },
      months: { type: 'string' },
      'bundle-sessions': { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      'no-readme': { type: 'boolean', default: false },
    },
  });
  const smoke = values.smoke === true;
  const int = (name: keyof typeof values, full: number, tiny: number) => {
    const v = values[name];
    if (v === undefined) return smoke ? tiny : full;
    if (typeof v !== 'string' || !/^\d+$/.test(v)) throw new Error(`--${name} must be a whole number`);
    return Number(v);
  };
  const only = values.only ? (values.only.split(',') as Section[]) : [...SECTIONS];
  for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section ${s} (known: ${SECTIONS.join(', ')})`);
  const root = repoRoot();
  return {
    smoke,
    root,
    // Smoke: every code path once, at sizes that finish in about two minutes; its figures
    // prove nothing about speed.
    runs: int('runs', 5, 1),
    cpuRate: int('cpu-rate', 4, 2),
    coldLoads: smoke ? 1 : int('runs', 5, 1) + 2,
    warmUp: !smoke,
    soakSessions: int('soak-sessions', 10_000, 12),
    soakReference: smoke ? 4 : 100,
    exportSessions: int('export-sessions', 1_000_000, 2_000),
    exportBase: int('export-base', 50_000, 500),
    kiosks: int('kiosks', 20, 2),
    months: int('months', 50, 2),
    bundleSessions: int('bundle-sessions', 150, 10),
    saveRuns: smoke ? 1 : 5,
    savesPerRun: smoke ? 20 : 200,
    only: new Set(only),
    out: resolve(root, values.out ?? (smoke ? 'bench/.cache/smoke' : 'bench/results')),
    build: values['no-build'] !== true,
    strict: values.strict === true,
    // Only a full run of every section at the default sizes, written to bench/results/,
    // replaces the README's table.
    readme: values['no-readme'] !== true && !smoke && values.out === undefined && only.length === SECTIONS.length && Object.keys(values).every((k) => !['runs', 'cpu-rate', 'soak-sessions', 'export-sessions', 'export-base', 'kiosks', 'months', 'bundle-sessions'].includes(k)),
    cache: resolve(root, 'bench/.cache'),
  };
}

const ms = (v: number) => (v >= 1000 ? `${round(v / 1000, 2)} s` : `${round(v, 1)} ms`);
const kb = (bytes: number) => `${round(bytes / 1000, 1)} kB`;
const ratio = (a: number, b: number) => (b > 0 ? `${round(a / b, 2)}×` : '—');
const log = (line: string) => process.stdout.write(`${line}\n`);
const sumGzip = (files: LoadedFile[], kind: LoadedFile['kind']) => files.filter((f) => f.kind === kind).reduce((s, f) => s + f.gzipBytes, 0);
const sumBytes = (files: LoadedFile[], kind: LoadedFile['kind']) => files.filter((f) => f.kind === kind).reduce((s, f) => s + f.bytes, 0);

async function main(): Promise<number> {
  const o = options();
  const started = new Date();
  const machine = machineInfo();
  const metrics: Metric[] = [];
  const details: Record<string, unknown> = {};
  const notes: string[] = [];
  const buildDir = resolve(o.cache, 'build');
  const rendererDir = resolve(buildDir, 'renderer');
  const surveyDir = resolve(o.cache, 'surveyjs-dist');
  mkdirSync(o.cache, { recursive: true });
  log(`Repères bench (${o.smoke ? 'smoke' : 'full'}), ${machine.cpu}, ${machine.cores} cores, load ${machine.loadAverage.start}`);

  if (o.build) {
    // The bench's own copy of the production build, so that a build running elsewhere (tests)
    // never swaps files under it.
    log('building the kiosk (electron-vite) and the SurveyJS page (vite)');
    const electronVite = resolve(o.root, 'node_modules/electron-vite/bin/electron-vite.js');
    const result = spawnSync(process.execPath, [electronVite, 'build', '--outDir', buildDir, '--logLevel', 'warn'], { cwd: o.root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('electron-vite build failed');
    await build(surveyJsConfig(surveyDir));
  }

  const browserSections = o.only.has('transitions') || o.only.has('coldload') || o.only.has('soak');
  if (browserSections) {
    // Checked before any measurement: the comparison is void if these fail.
    const skipLogic = checkSkipLogic();
    details['surveyJsSkipLogic'] = skipLogic;
    if (skipLogic.mismatches.length > 0) throw new Error(`the SurveyJS survey does not follow Repères' skip logic:\n${skipLogic.mismatches.join('\n')}`);
    const leaked = surveyJsInKioskBuild(rendererDir);
    details['surveyJsInKioskBuild'] = leaked;
    if (leaked.length > 0) throw new Error(`SurveyJS code found in the kiosk build: ${leaked.join(', ')}`);
  }

  if (o.only.has('coldload') || o.only.has('transitions')) {
    const bench = await startBenchBrowser({ renderer: rendererDir, surveyjs: surveyDir });
    machine.chromium = bench.browser.version();
    try {
      if (o.only.has('coldload')) {
        log(`cold loads: ${o.coldLoads} fresh contexts each, CPU ×${o.cpuRate}`);
        const cold = await measureColdLoads(bench, { reperes: rendererDir, surveyjs: surveyDir }, { runs: o.coldLoads, cpuRate: o.cpuRate });
        details['coldLoad'] = cold;
        const r = summarize(cold.samples.reperes.map((s) => s.paintedMs));
        const s = summarize(cold.samples.surveyjs.map((x) => x.paintedMs));
        metrics.push({
          id: 'coldLoad',
          label: `Attract screen interactive after a cold load (CPU ×${o.cpuRate}, ${r.n} loads)`,
          target: '≤ 1.5 s',
          measured: `${ms(r.median)} (p95 ${ms(r.p95)})`,
          ratio: `${ratio(r.median, s.median)} SurveyJS`,
          pass: r.median <= 1500,
          values: { medianMs: r.median, p95Ms: r.p95, surveyJsMedianMs: s.median },
        });
        metrics.push({
          id: 'coldLoadSurveyJs',
          label: 'SurveyJS page: first question interactive after a cold load',
          target: '—',
          measured: `${ms(s.median)} (p95 ${ms(s.p95)})`,
          ratio: '—',
          pass: null,
          values: { medianMs: s.median, p95Ms: s.p95 },
        });
        const kiosk = cold.loaded.reperes;
        const survey = cold.loaded.surveyjs;
        const kioskJs = sumGzip(kiosk, 'js');
        const surveyJs = sumGzip(survey, 'js');
        metrics.push({
          id: 'kioskJs',
          label: 'Kiosk renderer JavaScript loaded at start, gzipped',
          target: '≤ 250 kB',
          measured: `${kb(kioskJs)} (${kb(sumBytes(kiosk, 'js'))} raw, ${kiosk.filter((f) => f.kind === 'js').length} files)`,
          ratio: `${ratio(kioskJs, surveyJs)} SurveyJS`,
          pass: kioskJs <= 250_000,
          values: { gzipBytes: kioskJs, rawBytes: sumBytes(kiosk, 'js'), surveyJsGzipBytes: surveyJs },
        });
        metrics.push({
          id: 'surveyJsJs',
          label: 'SurveyJS page JavaScript (survey-core, survey-react-ui, React, the survey), gzipped',
          target: '—',
          measured: `${kb(surveyJs)} (${kb(sumBytes(survey, 'js'))} raw)`,
          ratio: '—',
          pass: null,
          values: { gzipBytes: surveyJs, rawBytes: sumBytes(survey, 'js') },
        });
        const pictograms = folderSize(resolve(rendererDir, 'pictograms'), true);
        const audio = folderSize(resolve(rendererDir, 'audio'), false);
        const fonts = folderSize(resolve(rendererDir, 'fonts'), false);
        metrics.push({
          id: 'kioskOtherAssets',
          label: 'Kiosk: CSS, fonts, pictograms, audio (reported apart)',
          target: '—',
          measured:
            `at start: CSS ${kb(sumGzip(kiosk, 'css'))} gz, fonts ${kb(sumBytes(kiosk, 'font'))} (woff2), pictograms ${kb(sumGzip(kiosk, 'pictogram'))} gz, audio manifests ${kb(sumGzip(kiosk, 'audio'))} gz; ` +
            `shipped: fonts ${kb(fonts.bytes)}, ${pictograms.files} pictograms ${kb(pictograms.gzipBytes ?? 0)} gz, ${audio.files} audio files ${round(audio.bytes / 1e6, 1)} MB`,
          ratio: `CSS ${ratio(sumGzip(kiosk, 'css'), sumGzip(survey, 'css'))} SurveyJS`,
          pass: null,
          values: {
            cssGzipBytes: sumGzip(kiosk, 'css'),
            fontBytesAtStart: sumBytes(kiosk, 'font'),
            pictogramGzipBytesAtStart: sumGzip(kiosk, 'pictogram'),
            audioGzipBytesAtStart: sumGzip(kiosk, 'audio'),
            fontBytesShipped: fonts.bytes,
            pictogramsShipped: pictograms.files,
            pictogramGzipBytesShipped: pictograms.gzipBytes ?? 0,
            audioFilesShipped: audio.files,
            audioBytesShipped: audio.bytes,
            surveyJsCssGzipBytes: sumGzip(survey, 'css'),
          },
        });
      }

      if (o.only.has('transitions')) {
        log(`transitions: ${o.runs} full questionnaires each${o.warmUp ? ' (after one warm-up)' : ''}, CPU ×${o.cpuRate}`);
        const t = await measureTransitions(bench, { runs: o.runs, cpuRate: o.cpuRate, warmUp: o.warmUp, log });
        details['transitions'] = t;
        const r = summarize(t.samples.reperes.map(latencyOf));
        const s = summarize(t.samples.surveyjs.map(latencyOf));
        // The last answer: the in-page figure, which waits for the result screen (Repères saves
        // through IPC before showing it; SurveyJS shows its completed page at once).
        const rf = summarize(t.finish.reperes.map((x) => x.paintMs));
        const sf = summarize(t.finish.surveyjs.map((x) => x.paintMs));
        const part = (kind: 'reperes' | 'surveyjs', key: 'inputMs' | 'processingMs' | 'presentationMs') =>
          summarize(t.samples[kind].flatMap((x) => (x[key] === null ? [] : [x[key]]))).median;
        const countedInPage = (kind: 'reperes' | 'surveyjs') => t.samples[kind].filter((x) => !eventCoversChange(x)).length;
        const inPage = { reperes: summarize(t.samples.reperes.map((x) => x.paintMs)), surveyjs: summarize(t.samples.surveyjs.map((x) => x.paintMs)) };
        metrics.push({
          id: 'transition',
          label: `Answer tap → next question painted (Event Timing, CPU ×${o.cpuRate}, ${o.runs} questionnaires × ${t.questions.reperes - 1} transitions)`,
          target: 'median ≤ 50 ms, p95 ≤ 100 ms',
          measured: `${ms(r.median)} (p95 ${ms(r.p95)}); of which input ${ms(part('reperes', 'inputMs'))}, handlers ${ms(part('reperes', 'processingMs'))}, to the frame ${ms(part('reperes', 'presentationMs'))} (medians)`,
          ratio: `${ratio(r.median, s.median)} SurveyJS (p95 ${ratio(r.p95, s.p95)})`,
          pass: r.median <= 50 && r.p95 <= 100,
          values: { medianMs: r.median, p95Ms: r.p95, samples: r.n, countedInPage: countedInPage('reperes'), surveyJsMedianMs: s.median, surveyJsP95Ms: s.p95, runMedians: t.runMedians.reperes.join(' ') },
        });
        metrics.push({
          id: 'transitionSurveyJs',
          label: 'SurveyJS: "Suivant" → next question painted, same answers, taps and throttling',
          target: '—',
          measured: `${ms(s.median)} (p95 ${ms(s.p95)}); of which input ${ms(part('surveyjs', 'inputMs'))}, handlers ${ms(part('surveyjs', 'processingMs'))}, to the frame ${ms(part('surveyjs', 'presentationMs'))}`,
          ratio: '—',
          pass: null,
          values: { medianMs: s.median, p95Ms: s.p95, samples: s.n, countedInPage: countedInPage('surveyjs'), runMedians: t.runMedians.surveyjs.join(' ') },
        });
        metrics.push({
          id: 'transitionInPage',
          label: 'The same taps timed in the page: to the end of the main thread’s frame after the DOM change (Repères / SurveyJS)',
          target: '—',
          measured: `${ms(inPage.reperes.median)} (p95 ${ms(inPage.reperes.p95)}) / ${ms(inPage.surveyjs.median)} (p95 ${ms(inPage.surveyjs.p95)})`,
          ratio: `${ratio(inPage.reperes.median, inPage.surveyjs.median)} SurveyJS`,
          pass: null,
          values: { reperesMedianMs: inPage.reperes.median, reperesP95Ms: inPage.reperes.p95, surveyJsMedianMs: inPage.surveyjs.median, surveyJsP95Ms: inPage.surveyjs.p95 },
        });
        metrics.push({
          id: 'finish',
          label: 'Last answer → result screen painted (in the page; Repères saves through IPC first)',
          target: '—',
          measured: `${ms(rf.median)} (p95 ${ms(rf.p95)})`,
          ratio: `${ratio(rf.median, sf.median)} SurveyJS completed page`,
          pass: null,
          values: { medianMs: rf.median, p95Ms: rf.p95, surveyJsMedianMs: sf.median },
        });
      }
    } finally {
      await bench.close();
    }
  }

  if (o.only.has('save')) {
    log(`saving a session: ${o.saveRuns} runs × ${o.savesPerRun} saves`);
    const saves = await measureSaves({ runs: o.saveRuns, perRun: o.savesPerRun });
    const full = summarize(saves.full);
    const off = summarize(saves.noSync);
    const fsync = summarize(saves.fsync);
    details['save'] = { full, noSync: off, fsync, runs: saves.runs, perRun: saves.perRun };
    metrics.push({
      id: 'save',
      label: `Saving a session (session:save handler, WAL, synchronous = FULL; ${full.n} saves)`,
      target: 'p95 ≤ 5 ms',
      measured: `${ms(full.median)} (p95 ${ms(full.p95)})`,
      ratio: `${ratio(full.p95, fsync.p95)} bare fsync (p95)`,
      pass: full.p95 <= 5,
      values: { medianMs: full.median, p95Ms: full.p95, maxMs: full.max, noSyncMedianMs: off.median, noSyncP95Ms: off.p95, fsyncMedianMs: fsync.median, fsyncP95Ms: fsync.p95 },
    });
    metrics.push({
      id: 'saveCost',
      label: 'Of which: the same saves with synchronous = OFF / a bare 4 KiB write + fsync',
      target: '—',
      measured: `${ms(off.median)} (p95 ${ms(off.p95)}) / ${ms(fsync.median)} (p95 ${ms(fsync.p95)})`,
      ratio: '—',
      pass: null,
      values: { noSyncMedianMs: off.median, noSyncP95Ms: off.p95, fsyncMedianMs: fsync.median, fsyncP95Ms: fsync.p95 },
    });
  }

  const workDir = tmpdir();
  if (o.only.has('export')) {
    const startup = await benchStartup({ runs: o.runs });
    const start = summarize(startup);
    details['startup'] = start;
    metrics.push({
      id: 'startup',
      label: 'Start of a `reperes` command alone (Node 22 + tsx, `reperes --help`), included in the times below',
      target: '—',
      measured: `${ms(start.median)} (p95 ${ms(start.p95)})`,
      ratio: '—',
      pass: null,
      values: { medianMs: start.median, p95Ms: start.p95 },
    });
    const dataset = await kioskDataset(o.cache, { sessions: o.exportSessions, base: o.exportBase, seed: 1, log });
    details['exportDataset'] = dataset;
    log(`reperes export of ${o.exportSessions} visits recorded: ${o.runs} runs`);
    const e = await benchExport(dataset.file, { runs: o.runs, workDir, sessions: o.exportSessions, log });
    const wall = summarize(e.export.wallMs);
    const floor = summarize(e.groupByMs);
    const rss = summarize(e.export.peakRssMiB);
    details['export'] = { wall, groupBy: floor, peakRssMiB: rss, raw: e };
    metrics.push({
      id: 'export',
      label: `${o.exportSessions.toLocaleString('en')} visits recorded, then exported: \`reperes export\` (wall, incl. Node start); peak RSS ${round(rss.max, 0)} MiB`,
      target: '≤ 3× the start of `reperes --help`',
      measured: `${ms(wall.median)} (p95 ${ms(wall.p95)})`,
      ratio: `${ratio(wall.median, start.median)} \`reperes --help\``,
      pass: wall.median <= 3 * start.median,
      values: { medianMs: wall.median, p95Ms: wall.p95, peakRssMiB: rss.max, groupByMedianMs: floor.median },
    });
    metrics.push({
      id: 'exportFloor',
      label: 'Floor: bare `GROUP BY month, status` over the visit counts',
      target: '—',
      measured: `${ms(floor.median)} (p95 ${ms(floor.p95)})`,
      ratio: '—',
      pass: null,
      values: { medianMs: floor.median, p95Ms: floor.p95 },
    });
  }

  if (o.only.has('analyst')) {
    const bundles = await bundleDataset(o.cache, { kiosks: o.kiosks, perKiosk: o.months, sessionsPerBundle: o.bundleSessions, seed: 11, log });
    details['bundleDataset'] = bundles;
    log(`reperes import of ${bundles.files} bundles, then reperes publish: ${o.runs} runs each`);
    const a = await benchImportPublish(bundles.folder, { runs: o.runs, files: bundles.files, workDir, log });
    const imp = summarize(a.import.wallMs);
    const pub = summarize(a.publish.wallMs);
    const impRss = summarize(a.import.peakRssMiB);
    const pubRss = summarize(a.publish.peakRssMiB);
    details['analyst'] = { import: imp, publish: pub, importPeakRssMiB: impRss, publishPeakRssMiB: pubRss, raw: a };
    metrics.push({
      id: 'import',
      label: `\`reperes import\` of ${bundles.files.toLocaleString('en')} bundles (${bundles.kiosks} kiosks); peak RSS ${round(impRss.max, 0)} MiB`,
      target: '≤ 30 s',
      measured: `${ms(imp.median)} (p95 ${ms(imp.p95)})`,
      ratio: '—',
      pass: imp.median <= 30_000,
      values: { medianMs: imp.median, p95Ms: imp.p95, peakRssMiB: impRss.max },
    });
    metrics.push({
      id: 'publish',
      label: `\`reperes publish\` of the result (CSV, XLSX, SVG+PNG charts, HTML+PDF); peak RSS ${round(pubRss.max, 0)} MiB (Node; Chromium apart)`,
      target: '≤ 10 s',
      measured: `${ms(pub.median)} (p95 ${ms(pub.p95)})`,
      ratio: '—',
      pass: pub.median <= 10_000,
      values: { medianMs: pub.median, p95Ms: pub.p95, peakRssMiB: pubRss.max },
    });
  }

  // The soak comes last: it takes the longest, and it measures memory, not time, so other
  // work on the machine while it runs does not change its figures.
  if (o.only.has('soak')) {
    const bench = await startBenchBrowser({ renderer: rendererDir, surveyjs: surveyDir });
    machine.chromium = bench.browser.version();
    try {
      log(`soak: ${o.soakSessions} visits through the real renderer and handlers`);
      const soak = await runSoak(bench, { sessions: o.soakSessions, reference: o.soakReference, between: o.smoke ? 0 : 9, log });
      details['soak'] = soak;
      const ref = soak.checkpoints[0];
      const end = soak.checkpoints.at(-1);
      if (!ref || !end) throw new Error('soak: no checkpoint');
      const growth = end.heapMiB - ref.heapMiB;
      const heaps = soak.checkpoints.map((c) => c.heapMiB);
      metrics.push({
        id: 'soakHeap',
        label: `Soak: JS heap after garbage collection, visit ${ref.sessions} → ${end.sessions}`,
        target: 'growth ≤ 10 MB',
        measured: `${round(ref.heapMiB, 2)} → ${round(end.heapMiB, 2)} MiB (${growth >= 0 ? '+' : ''}${round(growth * 1.048576, 2)} MB; range ${round(Math.min(...heaps), 2)}–${round(Math.max(...heaps), 2)} MiB)`,
        ratio: '—',
        pass: growth * 1.048576 <= 10,
        values: { heapAtReferenceMiB: ref.heapMiB, heapAtEndMiB: end.heapMiB, growthMB: growth * 1.048576 },
      });
      const docNodes = soak.checkpoints.map((c) => c.documentNodes);
      const allNodes = soak.checkpoints.map((c) => c.nodes);
      metrics.push({
        id: 'soakDom',
        label: `Soak: DOM nodes and listeners on the waiting screen, visit ${ref.sessions} → ${end.sessions} (${soak.checkpoints.length} checkpoints)`,
        // The page's own DOM must come back to the same size; the renderer-wide counter
        // (detached nodes, decoded SVG pictograms) may wander within a band, not grow.
        target: 'document constant; renderer within +500 nodes; listeners ±5',
        measured:
          `document: ${ref.documentNodes} → ${end.documentNodes} nodes (range ${Math.min(...docNodes)}–${Math.max(...docNodes)}); ` +
          `renderer: ${ref.nodes} → ${end.nodes} (range ${Math.min(...allNodes)}–${Math.max(...allNodes)}); listeners ${ref.listeners} → ${end.listeners}`,
        ratio: '—',
        // 500: the decoded SVG documents of one screen's pictograms (about 35 nodes each),
        // which the renderer keeps while React still holds the previous screen.
        pass: Math.max(...docNodes) === Math.min(...docNodes) && Math.max(...allNodes) <= ref.nodes + 500 && Math.abs(end.listeners - ref.listeners) <= 5,
        values: { documentNodesAtReference: ref.documentNodes, documentNodesAtEnd: end.documentNodes, nodesAtReference: ref.nodes, nodesAtEnd: end.nodes, maxNodes: Math.max(...allNodes), listenersAtReference: ref.listeners, listenersAtEnd: end.listeners },
      });
      metrics.push({
        id: 'soakSaved',
        label: `Soak: visits saved (${soak.completed} completed, ${soak.abandoned} abandoned); ${round(soak.elapsedS / 60, 1)} min`,
        target: 'every visit',
        measured: `${soak.rowsSaved} rows for ${soak.sessions} visits`,
        ratio: '—',
        pass: soak.rowsSaved === soak.sessions,
        values: { rows: soak.rowsSaved, visits: soak.sessions, elapsedS: soak.elapsedS },
      });
    } finally {
      await bench.close();
    }
  }

  machine.loadAverage.end = currentLoad();
  notes.push(
    'Latencies are measured inside the page: from the `click` event’s timestamp to the frame after the DOM first shows the next question (requestAnimationFrame, then a MessageChannel task). Throttling: DevTools `Emulation.setCPUThrottlingRate`.',
    'SurveyJS runs the same questionnaire generated from shared/questionnaire/definition.ts and the French texts (bench/surveyjs/survey-json.ts): one question per page, skip logic as `visibleIf` (checked equal to the engine for every combination), exercises as single-choice pages "Réussi / Échoué / Passé". Its JavaScript carries French only; the kiosk’s carries seven languages, the exercises, the scoring and the result screen.',
    'Soak visits are driven from inside the page by tapping the real buttons (bench/browser/page/soak.js), answers drawn from what each screen shows; about 1 in 10 visits quits midway (saved as abandoned).',
    'The 1,000,000-session database is `reperes simulate` of a base of visits plus SQL copies of those rows (bench/cli/datasets.ts), cached in bench/.cache/.',
  );
  const results: BenchResults = {
    format: 'reperes-bench',
    version: 1,
    mode: o.smoke ? 'smoke' : 'full',
    startedAt: started.toISOString(),
    durationS: Math.round((Date.now() - started.getTime()) / 1000),
    machine,
    settings: {
      runs: o.runs,
      cpuRate: o.cpuRate,
      soakSessions: o.soakSessions,
      exportSessions: o.exportSessions,
      exportBase: o.exportBase,
      bundles: `${o.kiosks}×${o.months}`,
      bundleSessions: o.bundleSessions,
      sections: [...o.only].join(' '),
    },
    metrics,
    details,
    notes,
  };
  const written = writeResults(o.out, results);
  log(`\nwrote ${written.json} and ${written.md}`);
  if (o.readme) {
    const readme = resolve(o.root, 'README.md');
    writeFileSync(readme, withReadmeBlock(readFileSync(readme, 'utf8'), results));
    log(`updated the results in ${readme}`);
  }
  for (const m of metrics) log(`${m.pass === null ? '  ' : m.pass ? 'ok' : 'NO'}  ${m.label}: ${m.measured}${m.ratio !== '—' ? ` [${m.ratio}]` : ''}`);
  // What proves the bench itself works, even at smoke sizes: every soak visit saved (the
  // export and import counts, the skip-logic check and the bundle check throw above).
  if (metrics.some((m) => m.id === 'soakSaved' && m.pass === false)) return 1;
  return o.strict && metrics.some((m) => m.pass === false) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
