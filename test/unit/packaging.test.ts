/**
 * The packaging configuration, checked without building (Electron cannot be downloaded on
 * the machines that run the tests): electron-builder.yml says what issue 8 and SECURITY.md
 * promise, passes electron-builder's own schema validation, names icons that exist at the
 * right sizes, and the afterPack hook flips exactly the fuses of build/fuses.cjs in the
 * binary electron-builder produces for each platform.
 * test/unit/packaging-pack.test.ts goes further and packs the app with a stand-in Electron.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { minimatch } from 'minimatch';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseRuntimeMode } from '../../electron/runtime-mode';

// A spy around the real library: calls are recorded, and unless a test says otherwise the
// real flipFuses runs (on a stand-in binary), so the fuse names are checked against it too.
vi.mock('@electron/fuses', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@electron/fuses')>();
  return { ...actual, flipFuses: vi.fn(actual.flipFuses) };
});

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

// js-yaml and app-builder-lib come with electron-builder (the same versions it uses).
const yaml = require('js-yaml') as { load(text: string): unknown };
const builderConfig = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string): Promise<Record<string, unknown>>;
  validateConfiguration(config: Record<string, unknown>, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};

interface TargetEntry {
  target: string;
  arch?: string[];
}
interface BuilderYml {
  appId: string;
  productName: string;
  executableName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  afterPack: string;
  publish: null;
  linux: {
    target: TargetEntry[];
    category: string;
    icon: string;
    files?: unknown;
    desktop: { entry: Record<string, string>; desktopActions: { analyst?: { Name: string; Exec: string } } };
  };
  deb: { depends: string[] };
  win: { target: TargetEntry[]; icon: string; files?: unknown };
  nsis: Record<string, unknown> & { include: string; installerIcon: string };
}

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderYml;

/** The fuses SECURITY.md promises, by @electron/fuses' FuseV1Options names. */
const EXPECTED_FUSES = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false,
};

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${file} is a PNG`).toBe(true);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Image sizes listed in a Windows .ico directory (a width byte of 0 means 256). */
function icoSizes(file: string): number[] {
  const bytes = readFileSync(file);
  expect(bytes.readUInt16LE(0), 'ICO reserved word').toBe(0);
  expect(bytes.readUInt16LE(2), 'ICO type (1 = icon)').toBe(1);
  const count = bytes.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => bytes[6 + i * 16] || 256);
}

/** electron-builder's rule for `files`: patterns in order, the last one that matches wins. */
function isPacked(path: string, patterns: readonly string[]): boolean {
  let packed = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (packed !== negated) continue;
    packed = minimatch(path, negated ? pattern.slice(1) : pattern, { dot: true }) ? !negated : packed;
  }
  return packed;
}

function targets(entries: readonly TargetEntry[]): string[] {
  return entries.flatMap((entry) => (entry.arch ?? ['x64']).map((arch) => `${entry.target}:${arch}`)).sort();
}

describe('electron-builder.yml', () => {
  it('names the product and its identity', () => {
    expect(config.productName).toBe('Repères');
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(config.appId).toBe('fr.agglo-cambrai.reperes');
    // An ASCII program name: it is typed in Shell Launcher and systemd settings.
    expect(config.executableName).toBe('reperes');
    expect(config.directories).toEqual({ output: 'dist', buildResources: 'build' });
  });

  it('builds AppImage and deb for Linux and an x64 NSIS installer for Windows', () => {
    expect(targets(config.linux.target)).toEqual(['AppImage:x64', 'deb:x64']);
    expect(targets(config.win.target)).toEqual(['nsis:x64']);
    expect(config.linux.category).toBe('Education');
  });

  it('ships the built app and package.json, never sources, tests or documents', () => {
    const shipped = ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html', 'package.json'];
    const kept = ['test/unit/packaging.test.ts', 'test/e2e/kiosk-flow.test.ts', 'docs/deploiement.md', 'electron/main.ts', 'shared/hash.ts', 'renderer/index.html', 'scripts/start.mjs', 'tools/electronegativity/package.json', 'out/main/index.js.map'];
    for (const path of shipped) expect(isPacked(path, config.files), path).toBe(true);
    for (const path of kept) expect(isPacked(path, config.files), path).toBe(false);
    expect(config.files).toContain('!test{,/**/*}');
  });

  it('keeps one files list (a per-platform one would make electron-builder pack the whole project)', () => {
    expect(config.linux.files).toBeUndefined();
    expect(config.win.files).toBeUndefined();
  });

  it('packs the app in an asar archive with better-sqlite3’s native binaries unpacked', () => {
    expect(config.asar).toBe(true);
    const nativeFiles = ['node_modules/better-sqlite3/prebuilds/linux-x64.node', 'node_modules/better-sqlite3/prebuilds/win32-x64.node', 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'];
    for (const file of nativeFiles) {
      expect(config.asarUnpack.some((pattern) => minimatch(file, pattern, { dot: true })), file).toBe(true);
    }
    // The prebuilt Node-API binary serves Electron as it is: nothing to rebuild.
    expect(config.npmRebuild).toBe(false);
  });

  it('never publishes anywhere: kiosks are updated from a USB stick', () => {
    expect(config.publish).toBeNull();
  });

  it('runs an afterPack hook that exists and exports the function electron-builder looks up', async () => {
    const hookFile = join(root, config.afterPack);
    expect(existsSync(hookFile), hookFile).toBe(true);
    const hook: Record<string, unknown> = await import('../../build/after-pack.cjs');
    expect(typeof hook.afterPack).toBe('function');
  });

  it('has the icons it names: a 512 px PNG for Linux, an ICO with a 256 px image for Windows', () => {
    expect(pngSize(join(root, config.linux.icon))).toEqual({ width: 512, height: 512 });
    expect(pngSize(join(root, 'assets/icon.png'))).toEqual({ width: 512, height: 512 });
    expect(pngSize(join(root, 'assets/icon-256.png'))).toEqual({ width: 256, height: 256 });
    for (const ico of [config.win.icon, config.nsis.installerIcon]) {
      const sizes = icoSizes(join(root, ico));
      expect(sizes).toContain(256);
      expect(sizes).toContain(16);
    }
    expect(readFileSync(join(root, 'assets/icon.svg'), 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 512 512"/);
  });

  it('has icons electron-builder’s own converter accepts, without falling back to Electron’s', async () => {
    const { convertIcon } = require('app-builder-lib/out/util/iconConverter.js') as {
      convertIcon(options: { sources: string[]; fallbackSources: string[]; roots: string[]; format: string; outDir: string }): Promise<{
        error?: string;
        isFallback?: boolean;
        icons?: { file: string; size: number }[];
      }>;
    };
    const outDir = mkdtempSync(join(tmpdir(), 'reperes-icons-'));
    try {
      const roots = [join(root, config.directories.buildResources), root];
      const linux = await convertIcon({ sources: [config.linux.icon], fallbackSources: [], roots, format: 'set', outDir: join(outDir, 'set') });
      expect(linux).toMatchObject({ isFallback: false, icons: [expect.objectContaining({ size: 512 })] });
      const win = await convertIcon({ sources: [config.win.icon], fallbackSources: [], roots, format: 'ico', outDir: join(outDir, 'ico') });
      expect(win).toMatchObject({ isFallback: false, icons: [expect.objectContaining({ size: 256 })] });
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('installs per machine for the kiosk account, without desktop shortcut, keeping the data on uninstall', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: true,
      createDesktopShortcut: false,
      createStartMenuShortcut: true,
      deleteAppDataOnUninstall: false,
      runAfterFinish: false,
    });
  });

  it('offers the analyst mode: a Start menu shortcut on Windows, a desktop action on Linux', () => {
    const nsh = readFileSync(join(root, config.nsis.include), 'utf8');
    expect(nsh).toMatch(/!macro customInstall\s[\s\S]*CreateShortCut "\$\{REPERES_ANALYST_LINK\}" "\$INSTDIR\\\$\{APP_EXECUTABLE_FILENAME\}" "--analyst"/);
    expect(nsh).toMatch(/!macro customUnInstall\s[\s\S]*Delete "\$\{REPERES_ANALYST_LINK\}"/);
    expect(nsh).toContain('!define REPERES_ANALYST_LINK "$SMPROGRAMS\\${PRODUCT_NAME} (analyste).lnk"');

    expect(config.linux.desktop.entry.Actions).toBe('analyst;');
    const action = config.linux.desktop.desktopActions.analyst;
    expect(action?.Name).toMatch(/analyste/);
    expect(action?.Exec).toBe(`${config.executableName} --analyst`);

    // …and the argument both pass is the one the app reads.
    const argv = action!.Exec.split(' ');
    expect(parseRuntimeMode(argv, {})).toEqual({ dev: false, analyst: true });
  });

  // electron-builder's deb target stops with "author email" unless a maintainer is given; the
  // project's public contact is not known yet, so the yml carries a reserved-domain placeholder.
  it('gives the deb a maintainer with an e-mail address', () => {
    expect((config.linux as { maintainer?: string }).maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
  });

  it('makes the deb depend only on packages from Debian main', () => {
    for (const name of config.deb.depends) expect(name).toMatch(/^[a-z0-9][a-z0-9.+-]+$/);
    expect(config.deb.depends).toContain('libasound2');
  });

  // Chromium on Linux speaks through speech-dispatcher (main.ts appends the switch); without a
  // speech-dispatcher output module there is still no voice. A bare cage session mounts no USB
  // stick: udisks2 mounts, udiskie (started with the kiosk session) asks it to on insertion.
  it.each(['speech-dispatcher', 'speech-dispatcher-espeak-ng', 'udisks2', 'udiskie'])('makes the deb depend on %s (docs/deploiement.md)', (name) => {
    expect(config.deb.depends).toContain(name);
  });

  it('passes electron-builder’s own validation against its JSON schema (scheme.json)', async () => {
    const logger = { isEnabled: false, add() {} };
    const merged = await builderConfig.getConfig(root);
    await expect(builderConfig.validateConfiguration(merged, logger)).resolves.toBeUndefined();
    // The validation is live: a misspelt option is refused.
    const misspelt = { ...merged, nsis: { ...(merged.nsis as object), perMachin: true } };
    await expect(builderConfig.validateConfiguration(misspelt, logger)).rejects.toThrow(/configuration\.nsis/);
    // Compiling electron-builder's schema takes seconds on a busy two-core machine.
  }, 60_000);
});

describe('Electron fuses (build/fuses.cjs)', () => {
  const { FUSES } = require('../../build/fuses.cjs') as typeof import('../../build/fuses.cjs');

  it('are the ones SECURITY.md lists', () => {
    expect(FUSES).toEqual(EXPECTED_FUSES);
    expect(Object.isFrozen(FUSES)).toBe(true);
  });

  it('are all known to @electron/fuses', async () => {
    const { FuseV1Options } = await vi.importActual<typeof import('@electron/fuses')>('@electron/fuses');
    for (const name of Object.keys(FUSES)) expect(FuseV1Options, name).toHaveProperty(name);
  });
});

describe('the afterPack hook (build/after-pack.cjs)', () => {
  type Hook = typeof import('../../build/after-pack.cjs');
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  const FUSE_WIRE_LENGTH = 9; // Electron 45's wire; unknown extra fuses are left as they are.
  const work = mkdtempSync(join(tmpdir(), 'reperes-after-pack-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  let fuses: typeof import('@electron/fuses');
  let hook: Hook;
  beforeEach(async () => {
    fuses = await import('@electron/fuses');
    vi.mocked(fuses.flipFuses).mockClear();
    hook = await import('../../build/after-pack.cjs');
  });

  /** What electron-builder passes: the packager's names come from electron-builder.yml. */
  function context(electronPlatformName: string, appOutDir = join(work, electronPlatformName)) {
    return {
      appOutDir,
      electronPlatformName,
      packager: { executableName: config.executableName, appInfo: { productFilename: config.executableName } },
    };
  }

  /** The config flipFuses must receive, by wire index. */
  function expectedConfig(resetAdHocDarwinSignature: boolean) {
    const expected: Record<string, unknown> = { version: fuses.FuseVersion.V1, resetAdHocDarwinSignature };
    for (const [name, value] of Object.entries(EXPECTED_FUSES)) expected[fuses.FuseV1Options[name as keyof typeof EXPECTED_FUSES]] = value;
    return expected;
  }

  it('flips the fuses of the Linux binary, really (on a stand-in with Electron’s fuse wire)', async () => {
    const ctx = context('linux');
    const binary = join(ctx.appOutDir, 'reperes');
    rmSync(ctx.appOutDir, { recursive: true, force: true });
    mkdirSync(ctx.appOutDir, { recursive: true });
    // Every fuse starts enabled ('1'), as in a fresh Electron binary's default-on positions.
    writeFileSync(binary, Buffer.concat([Buffer.from('\x7fELF…'), Buffer.from(SENTINEL), Buffer.from([1, FUSE_WIRE_LENGTH]), Buffer.from('1'.repeat(FUSE_WIRE_LENGTH)), Buffer.from('…')]));

    await hook.afterPack(ctx);

    expect(fuses.flipFuses).toHaveBeenCalledTimes(1);
    expect(fuses.flipFuses).toHaveBeenCalledWith(binary, expectedConfig(false));
    const wire = await fuses.getCurrentFuseWire(binary);
    for (const [name, value] of Object.entries(EXPECTED_FUSES)) {
      expect(wire[fuses.FuseV1Options[name as keyof typeof EXPECTED_FUSES]], name).toBe(value ? fuses.FuseState.ENABLE : fuses.FuseState.DISABLE);
    }
    // A fuse this project does not set (WasmTrapHandlers) keeps Electron's default.
    expect(wire[8]).toBe(fuses.FuseState.ENABLE);
  });

  it('targets reperes.exe on Windows', async () => {
    vi.mocked(fuses.flipFuses).mockResolvedValueOnce(1);
    const ctx = context('win32');
    await hook.afterPack(ctx);
    expect(fuses.flipFuses).toHaveBeenCalledWith(join(ctx.appOutDir, 'reperes.exe'), expectedConfig(false));
  });

  it('targets the .app bundle on macOS and re-signs it ad hoc', async () => {
    vi.mocked(fuses.flipFuses).mockResolvedValueOnce(1);
    const ctx = context('darwin');
    await hook.afterPack(ctx);
    expect(fuses.flipFuses).toHaveBeenCalledWith(join(ctx.appOutDir, 'reperes.app'), expectedConfig(true));
  });

  it('fails the build on an unknown platform rather than shipping without fuses', async () => {
    await expect(hook.afterPack(context('beos'))).rejects.toThrow(/unknown platform beos/);
    expect(fuses.flipFuses).not.toHaveBeenCalled();
  });

  it('fails the build when @electron/fuses does not know a fuse name', () => {
    const withoutOne = { FuseVersion: { V1: '1' }, FuseV1Options: { ...fuses.FuseV1Options, OnlyLoadAppFromAsar: undefined } };
    expect(() => hook.fuseConfig(withoutOne, 'linux')).toThrow(/no fuse named OnlyLoadAppFromAsar/);
  });

  it('propagates a failure of flipFuses (a binary without fuses must not be shipped)', async () => {
    vi.mocked(fuses.flipFuses).mockRejectedValueOnce(new Error('Could not find sentinel'));
    await expect(hook.afterPack(context('win32'))).rejects.toThrow(/sentinel/);
  });
});
