// `npm start [-- --dev | --analyst]`: build the kiosk with electron-vite, then run it in
// Electron. The `electron` package downloads its binary from GitHub on first use; where
// that is impossible (offline machines, blocked networks) the user gets one clear sentence
// and a way forward instead of a stack trace. Plain ESM so it runs on Node without tsx.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const forwardedArgs = process.argv.slice(2);

// ELECTRON_RUN_AS_NODE set in the user's shell would turn Electron into plain Node.
const electronEnv = { ...process.env };
delete electronEnv.ELECTRON_RUN_AS_NODE;

function cannotRunElectron(detail) {
  console.error(
    [
      '',
      'Repères cannot start: the Electron program is missing.',
      'Electron downloads it once, on the first start, from GitHub, and this machine cannot reach GitHub.',
      'To use the kiosk without Electron, run:  npm run preview   (it opens the kiosk in Chromium).',
      detail ? `Details: ${detail}` : '',
    ]
      .filter((line, i) => i === 0 || line !== '')
      .join('\n'),
  );
  process.exit(1);
}

/** The last meaningful line of a child's error output, without the stack trace. */
function lastErrorLine(text) {
  const lines = String(text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('at ') && !l.startsWith('Node.js v') && l !== '^');
  return lines.findLast((l) => /error/i.test(l)) ?? lines.at(-1) ?? '';
}

function build() {
  // electron-vite's own CLI, run by this Node (no npx, no shell: same on Windows).
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('\nRepères: the build failed (see the messages above).');
    process.exit(result.status ?? 1);
  }
}

/**
 * `require('electron')` returns the binary's path, downloading it first if needed, and
 * throws "Electron failed to install correctly" when it cannot. It runs in a child process
 * so its output (a fetch stack trace when offline) can be summarised instead of dumped.
 */
function electronBinary() {
  const pkgDir = dirname(require.resolve('electron/package.json'));
  if (!existsSync(join(pkgDir, 'path.txt'))) console.log('Repères: first start, getting Electron (once)…');
  const result = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    env: electronEnv,
  });
  if (result.error) cannotRunElectron(result.error.message);
  if (result.status !== 0 || !result.stdout) cannotRunElectron(lastErrorLine(result.stderr));
  if (!existsSync(result.stdout)) cannotRunElectron(`${result.stdout} does not exist`);
  return result.stdout;
}

function launch(binary) {
  const child = spawn(binary, ['.', ...forwardedArgs], { cwd: root, stdio: 'inherit', env: electronEnv, windowsHide: false });
  child.on('error', (error) => cannotRunElectron(error.message));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
}

build();
launch(electronBinary());
