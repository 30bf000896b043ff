// Rasterises the app icon (assets/icon.svg) into the files electron-builder.yml names:
// assets/icon.png (512×512, Linux), assets/icon-256.png (256×256) and assets/icon.ico
// (16…256 px, Windows executable, installer and shortcuts). The results are committed, so
// this runs only when the logo changes: `node scripts/make-icons.mjs`.
// Needs Debian's `librsvg2-bin` (rsvg-convert) and `icoutils` (icotool):
//   apt-get install -y librsvg2-bin icoutils
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
const svg = join(assets, 'icon.svg');

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.error) {
    console.error(`make-icons: cannot run ${command} (${result.error.message}); apt-get install -y librsvg2-bin icoutils`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function rasterise(size, out) {
  run('rsvg-convert', ['--width', String(size), '--height', String(size), svg, '--output', out]);
}

rasterise(512, join(assets, 'icon.png'));
rasterise(256, join(assets, 'icon-256.png'));

const work = mkdtempSync(join(tmpdir(), 'reperes-icons-'));
try {
  const small = [16, 24, 32, 48, 64, 128].map((size) => {
    const file = join(work, `${size}.png`);
    rasterise(size, file);
    return file;
  });
  // The 256 px image is stored PNG-compressed (`--raw`), as Windows expects since Vista.
  run('icotool', ['--create', '--output', join(assets, 'icon.ico'), ...small, `--raw=${join(assets, 'icon-256.png')}`]);
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log('make-icons: wrote assets/icon.png, assets/icon-256.png, assets/icon.ico');
