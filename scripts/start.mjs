// `npm start [-- --dev | --analyst]`: build the kiosk with electron-vite, then run it in
// Electron. The `electron` package downloads its binary from GitHub on first use; when that
// fails the user gets one sentence naming the real cause (no network, a Node.js too old for
// Electron's installer, a broken install) and a way forward, instead of a stack trace.
// Plain ESM so it runs on Node without tsx, and parses on old Node versions so that they get
// the "too old" sentence rather than a syntax error. Tested by test/unit/start-script.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Electron 45's installer requires @electron/get 5, an ES module, with require(): that works
 * from Node.js 22.12 (require(esm) on by default); before, the download fails with
 * ERR_REQUIRE_ESM. Same floor as electron's and @electron/get's own `engines`.
 */
export const MINIMUM_NODE = '22.12.0';

function versionParts(version) {
  return String(version)
    .replace(/^v/, '')
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);
}

/** A sentence when `version` (process.versions.node) is older than MINIMUM_NODE, else null. */
export function nodeVersionProblem(version) {
  const have = versionParts(version);
  const need = versionParts(MINIMUM_NODE);
  for (let i = 0; i < need.length; i++) {
    if ((have[i] ?? 0) > need[i]) return null;
    if ((have[i] ?? 0) < need[i]) {
      return (
        `Repères needs Node.js ${MINIMUM_NODE} or newer, and this is Node.js ${String(version).replace(/^v/, '')}: ` +
        "Electron's installer cannot run on it. Use `npm start` (it runs the Node.js 22 installed with the project by `npm ci`), or install Node.js 22 LTS."
      );
    }
  }
  return null;
}

/**
 * The Electron binary's path from what `require('electron')` printed. electron's index.js
 * writes "Downloading Electron binary..." to the same stdout before it returns the path when
 * it has just downloaded it (node_modules/electron/index.js, downloadElectron): the path is
 * the last line.
 */
export function electronPathFromOutput(stdout) {
  const lines = String(stdout ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.at(-1) ?? '';
}

/** The last meaningful line of a child's error output, without the stack trace. */
function lastErrorLine(text) {
  const lines = String(text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('at ') && !l.startsWith('Node.js v') && l !== '^');
  return lines.findLast((l) => /error/i.test(l)) ?? lines.at(-1) ?? '';
}

const NETWORK_FAILURE = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up|RequestError|UND_ERR_CONNECT/;
const NEEDS_NEWER_NODE = /ERR_REQUIRE_ESM|ERR_REQUIRE_ASYNC_MODULE/;

/**
 * Why getting Electron failed, from the child's error output: `cause` is 'node' (the
 * installer needs require(esm)), 'network' (GitHub cannot be reached) or 'install' (anything
 * else: a checksum, a full disk, a broken node_modules/electron); `detail` is the line that
 * says so.
 */
export function explainElectronFailure(stderr) {
  const text = String(stderr ?? '');
  const lines = text.split('\n').map((l) => l.trim());
  const find = (pattern) => lines.find((l) => pattern.test(l));
  const esm = find(NEEDS_NEWER_NODE);
  if (esm) return { cause: 'node', detail: esm };
  const network = find(NETWORK_FAILURE);
  if (network) return { cause: 'network', detail: network };
  return { cause: 'install', detail: lastErrorLine(text) };
}

/** What the user reads when Electron cannot be obtained; one cause, one way forward. */
export function failureMessage({ cause, detail }) {
  const lines = [''];
  if (cause === 'node') {
    lines.push(
      "Repères cannot start: Electron's installer needs Node.js " + MINIMUM_NODE + ' or newer (it loads an ES module with require()).',
      'Use `npm start`, which runs the Node.js 22 installed with the project by `npm ci`, or install Node.js 22 LTS.',
    );
  } else if (cause === 'network') {
    lines.push(
      'Repères cannot start: the Electron program is missing.',
      'Electron downloads it once, on the first start, from GitHub, and this machine cannot reach GitHub.',
      'To use the kiosk without Electron, run:  npm run preview   (the same kiosk in any browser of this machine).',
    );
  } else {
    lines.push(
      'Repères cannot start: Electron could not be installed.',
      'Delete the folder node_modules/electron, run `npm ci`, then `npm start` again.',
    );
  }
  if (detail) lines.push(`Details: ${detail}`);
  return lines.join('\n');
}

/**
 * `require('electron')` returns the binary's path, downloading it first if needed, and
 * throws "Electron failed to install correctly" when it cannot. It runs in a child process
 * so its output (a fetch stack trace when offline) can be summarised instead of dumped.
 * Returns `{ path }` or `{ error }` (the message to print).
 */
export function findElectronBinary({ root, env }) {
  const require = createRequire(join(root, 'package.json'));
  const pkgDir = dirname(require.resolve('electron/package.json'));
  if (!existsSync(join(pkgDir, 'path.txt'))) console.log('Repères: first start, getting Electron (once)…');
  const result = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8', env });
  if (result.error) return { error: failureMessage({ cause: 'install', detail: result.error.message }) };
  const path = electronPathFromOutput(result.stdout);
  if (result.status !== 0 || path === '') return { error: failureMessage(explainElectronFailure(result.stderr)) };
  if (!existsSync(path)) return { error: failureMessage({ cause: 'install', detail: `${path} does not exist` }) };
  return { path };
}

function build(root) {
  // electron-vite's own CLI, run by this Node (no npx, no shell: same on Windows).
  const require = createRequire(join(root, 'package.json'));
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('\nRepères: the build failed (see the messages above).');
    process.exit(result.status ?? 1);
  }
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

function launch(root, binary, args, env) {
  const child = spawn(binary, ['.', ...args], { cwd: root, stdio: 'inherit', env, windowsHide: false });
  child.on('error', (error) => fail(failureMessage({ cause: 'install', detail: error.message })));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
}

function main() {
  // First, before anything slow: an old Node gets one clear sentence.
  const tooOld = nodeVersionProblem(process.versions.node);
  if (tooOld) fail(`\n${tooOld}`);
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  // ELECTRON_RUN_AS_NODE set in the user's shell would turn Electron into plain Node.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  build(root);
  const found = findElectronBinary({ root, env });
  if (found.error) fail(found.error);
  launch(root, found.path, process.argv.slice(2), env);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
