// `npm run security:electronegativity`: Electronegativity (Doyensec's Electron security
// linter) over the code that shapes the kiosk's Electron surface, gated on its SARIF output.
//
// - Installed apart, in tools/electronegativity (`npm ci --prefix tools/electronegativity`):
//   it brings TypeScript 4 and ESLint 7, which must not meet the project's own.
// - Scanned: electron/ (main process, preload), renderer/ (index.html with its CSP, the UI)
//   and package.json (Electron command-line switches in scripts), copied into a scratch
//   folder so that reported paths are the repository's own and nothing else is read.
// - Electronegativity exits 0 whatever it finds, so this script reads its SARIF report and
//   fails (exit 1) on any finding not justified in the source, on any file it could not
//   parse (an unparsed file is a hole in the gate) and on its own `eng-disable` comments
//   (they hide a finding from the report without saying why).
// - A finding is justified by a comment naming its check, with a reason, on the reported
//   line or in the comment block right above it:
//       // electronegativity-justified: PRELOAD_JS_CHECK — why this is safe here
//       <!-- electronegativity-justified: CSP_GLOBAL_CHECK — why this is safe here -->
// - Two checks are not run: AvailableSecurityFixesGlobalCheck downloads Electron's release
//   list from GitHub (unreachable here and in CI; Electron's advisories come from
//   `npm run security:audit`), and ElectronVersionJSONCheck only reports the Electron version,
//   which is given explicitly from node_modules/electron.
//
// Options: --sarif <file> keeps the SARIF report (by default it goes to a temporary folder,
// removed at exit).
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TOOL_DIR = join(root, 'tools', 'electronegativity');
/** What is scanned, relative to the repository. */
export const SCANNED = ['electron', 'renderer', 'package.json'];
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck', 'ElectronVersionJSONCheck'];

// The reason runs to the next marker or to the end of the comment.
const MARKER = /electronegativity-justified:\s*([A-Z0-9_]+)\s*[—–-]+\s*((?:(?!electronegativity-justified:).)*)/g;
/** A justification must say why: at least this many characters of reason. */
const MIN_REASON = 10;

/** Findings from an Electronegativity SARIF report: check, file, line, message. */
export function findingsFromSarif(sarif) {
  return (sarif.runs ?? []).flatMap((run) =>
    (run.results ?? []).map((result) => {
      const location = result.locations?.[0]?.physicalLocation;
      const uri = location?.artifactLocation?.uri ?? '';
      return {
        check: result.ruleId,
        level: result.level ?? 'warning',
        file: uri.startsWith('file:') || uri === '' ? null : uri,
        line: location?.region?.startLine ?? 0,
        message: result.message?.text ?? '',
      };
    }),
  );
}

/**
 * The comments right above the reported line (0-based `index`) and at its end (// and
 * /* … *\/ lines, <!-- … --> blocks), top to bottom, without comment syntax.
 */
export function commentTextAbove(lines, index) {
  // On the reported line itself, only a trailing comment counts.
  const trailing = /(\/\/|\/\*|<!--)(.*)$/.exec(lines[index] ?? '');
  const block = trailing ? [trailing[0]] : [];
  let i = index - 1;
  while (i >= 0) {
    const text = lines[i].trim();
    if (text.endsWith('-->')) {
      let start = i;
      while (start >= 0 && !lines[start].includes('<!--')) start--;
      if (start < 0) break;
      block.unshift(...lines.slice(start, i + 1));
      i = start - 1;
    } else if (text.startsWith('//') || text.startsWith('/*') || text.startsWith('*')) {
      block.unshift(lines[i]);
      i--;
    } else {
      break;
    }
  }
  return block
    .map((line) => line.trim().replace(/^(\/\/+|\/\*+|\*+\/?|<!--)\s*/, '').replace(/\s*(\*\/|-->)$/, ''))
    .join(' ');
}

/** The reason given for `finding` in `source` (the file's text), or null when there is none. */
export function justificationFor(finding, source) {
  if (finding.file === null || finding.line < 1) return null;
  const text = commentTextAbove(source.split(/\r?\n/), finding.line - 1);
  for (const match of text.matchAll(MARKER)) {
    const reason = match[2].trim();
    if (match[1] === finding.check && reason.length >= MIN_REASON) return reason;
  }
  return null;
}

/** Electronegativity's own `eng-disable` comments hide findings with no reason given. */
export function engDisableLines(source) {
  return source
    .split(/\r?\n/)
    .map((line, i) => ({ line: i + 1, text: line }))
    .filter(({ text }) => /eng-disable/.test(text));
}

/** Electronegativity writes its report with a callback it does not wait for: wait for it. */
async function readSarif(path, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`no complete SARIF report at ${path}: ${error.message}`, { cause: error });
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Every file under `path` (or `path` itself), as Electronegativity reads them. */
function sourceFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function electronVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

function loadElectronegativity() {
  const require = createRequire(join(TOOL_DIR, 'package.json'));
  try {
    return { run: require('@doyensec/electronegativity'), version: require('@doyensec/electronegativity/package.json').version };
  } catch {
    console.error('electronegativity: not installed. Run: npm ci --prefix tools/electronegativity');
    process.exit(1);
  }
}

async function main(argv) {
  const sarifIndex = argv.indexOf('--sarif');
  const work = mkdtempSync(join(tmpdir(), 'reperes-electronegativity-'));
  const sarifPath = sarifIndex >= 0 && argv[sarifIndex + 1] ? resolve(argv[sarifIndex + 1]) : join(work, 'electronegativity.sarif');
  const stage = join(work, 'scan');
  mkdirSync(stage);
  for (const path of SCANNED) cpSync(join(root, path), join(stage, path), { recursive: true });

  // Its messages are English whatever the machine's locale; it still tries (1 s) to fetch
  // translations from GitHub and says so.
  process.env.LANG = 'en-US';
  const { run, version } = loadElectronegativity();
  const electron = electronVersion();
  let result;
  try {
    result = await run({
      input: stage,
      output: sarifPath,
      isSarif: true,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS.map((c) => c.toLowerCase()),
      isRelative: true,
      isVerbose: false,
      electronVersionOverride: electron,
      parserPlugins: [],
    });
  } finally {
    if (sarifIndex < 0) process.on('exit', () => rmSync(work, { recursive: true, force: true }));
    else rmSync(stage, { recursive: true, force: true });
  }

  const sarif = await readSarif(sarifPath);
  const disabled = SCANNED.flatMap((path) => sourceFiles(join(root, path)))
    .flatMap((file) => engDisableLines(readFileSync(file, 'utf8')).map((hit) => ({ file: relative(root, file), ...hit })));
  const findings = findingsFromSarif(sarif);
  const details = new Map(result.issues.map((i) => [`${i.id}|${i.file}|${i.location?.line}`, i]));
  const parseErrors = result.errors.filter((e) => !e.tolerable);

  console.log(`Electronegativity ${version} on ${SCANNED.join(', ')} (Electron ${electron}): ${result.atomicChecks} atomic and ${result.globalChecks} global checks`);
  let unjustified = 0;
  for (const finding of findings) {
    const source = finding.file === null ? '' : readFileSync(join(root, finding.file), 'utf8');
    const reason = justificationFor(finding, source);
    if (reason === null) unjustified++;
    const detail = details.get(`${finding.check}|${finding.file}|${finding.line}`);
    const rating = detail ? `${detail.severity?.name ?? '?'}/${detail.confidence?.name ?? '?'}` : finding.level;
    const where = finding.file === null ? '(whole app)' : `${finding.file}:${finding.line}`;
    console.log(`  ${reason === null ? 'UNJUSTIFIED' : 'justified  '}  ${finding.check}  ${rating}  ${where}`);
    console.log(`      ${finding.message}`);
    if (reason !== null) console.log(`      reason: ${reason}`);
  }
  for (const hit of disabled) console.log(`  FORBIDDEN  eng-disable  ${hit.file}:${hit.line}  hides a finding without a reason: use electronegativity-justified`);
  for (const error of result.errors) console.log(`  ${error.tolerable ? 'parse warning' : 'PARSE ERROR'}  ${error.file}: ${error.message}`);
  console.log(
    `${findings.length} finding(s): ${findings.length - unjustified} justified, ${unjustified} unjustified; ` +
      `${parseErrors.length} file(s) not parsed; ${disabled.length} eng-disable comment(s). ` +
      (sarifIndex >= 0 ? `SARIF report: ${sarifPath}` : 'Keep the SARIF report with --sarif <file>.'),
  );

  if (unjustified > 0 || parseErrors.length > 0 || disabled.length > 0) {
    console.error('electronegativity: FAILED. Fix each unjustified finding, or justify it where it is reported:');
    console.error('  // electronegativity-justified: CHECK_NAME — why it is safe here');
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error('electronegativity: could not run:', error);
    process.exit(1);
  });
}
