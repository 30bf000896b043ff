// @ts-check
/**
 * electron-builder `afterPack` hook (electron-builder.yml): flips the Electron fuses of
 * build/fuses.cjs in the packed app's Electron binary. afterPack runs after the app and its
 * asar integrity hash are in place and before code signing, which is when fuses must be set.
 * Plain CommonJS so electron-builder loads it as it is; @electron/fuses is ESM-only, hence
 * the dynamic import.
 */
const path = require('node:path');
const { FUSES, RESET_AD_HOC_DARWIN_SIGNATURE_ON } = require('./fuses.cjs');

/**
 * @typedef {object} AfterPackContext The part of electron-builder's context this hook reads.
 * @property {string} appOutDir folder of the unpacked app (e.g. dist/linux-unpacked)
 * @property {string} electronPlatformName 'linux' | 'win32' | 'darwin' | 'mas'
 * @property {{ executableName?: string, appInfo: { productFilename: string } }} packager
 */

/**
 * The file @electron/fuses must patch, named as electron-builder names it (the same rule as
 * its own `addElectronFuses`): the renamed executable on Linux and Windows, the .app bundle
 * on macOS (@electron/fuses finds the Electron Framework inside).
 * @param {AfterPackContext} context
 */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'linux':
      if (!packager.executableName) throw new Error('after-pack: the Linux packager has no executableName');
      return path.join(appOutDir, packager.executableName);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    default:
      throw new Error(`after-pack: unknown platform ${electronPlatformName}`);
  }
}

/**
 * The @electron/fuses configuration for one platform, from the names in build/fuses.cjs.
 * @param {{ FuseVersion: { V1: string }, FuseV1Options: Record<string, number | string> }} fuses the @electron/fuses module
 * @param {string} electronPlatformName
 */
function fuseConfig(fuses, electronPlatformName) {
  /** @type {Record<string | number, unknown>} */
  const config = {
    version: fuses.FuseVersion.V1,
    resetAdHocDarwinSignature: RESET_AD_HOC_DARWIN_SIGNATURE_ON.includes(electronPlatformName),
  };
  for (const [name, value] of Object.entries(FUSES)) {
    const index = fuses.FuseV1Options[name];
    // A name @electron/fuses does not know would silently leave that fuse at its default.
    if (typeof index !== 'number') throw new Error(`after-pack: @electron/fuses has no fuse named ${name}`);
    config[index] = value;
  }
  return config;
}

/** @param {AfterPackContext} context */
async function afterPack(context) {
  const fuses = await import('@electron/fuses');
  const binary = electronBinaryPath(context);
  const config = fuseConfig(fuses, context.electronPlatformName);
  console.log(`  • after-pack: flipping Electron fuses in ${binary}`);
  // @ts-expect-error the config is built from names at run time; fuseConfig checks each one.
  await fuses.flipFuses(binary, config);
}

module.exports = { afterPack, default: afterPack, electronBinaryPath, fuseConfig };
