// @ts-check
/**
 * The Electron fuses of the packaged kiosk: switches compiled into the Electron binary,
 * flipped once at packaging (build/after-pack.cjs) and impossible to change at run time.
 * A plain object keyed by @electron/fuses' FuseV1Options names, so a test can read it
 * without loading @electron/fuses. Why each value: SECURITY.md, "Electron fuses".
 */

/** @type {Readonly<Record<string, boolean>>} */
const FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE=1 would turn the signed kiosk binary into a plain Node.js.
  RunAsNode: false,
  // Cookies and other Chromium storage encrypted with an OS-held key.
  EnableCookieEncryption: true,
  // NODE_OPTIONS (e.g. --require of a file on a USB stick) would run code in the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect and friends would open a debugger into the main process.
  EnableNodeCliInspectArguments: false,
  // app.asar is checked against the hash embedded in the executable (Windows, macOS).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only app.asar is loaded: a look-alike resources/app/ folder is ignored.
  OnlyLoadAppFromAsar: true,
  // No separate, unchecked V8 snapshot for the browser process.
  LoadBrowserProcessSpecificV8Snapshot: false,
  // file:// gets no extra privileges; the UI is served from app:// anyway.
  GrantFileProtocolExtraPrivileges: false,
});

/** macOS only: re-sign ad hoc after flipping, or an arm64 app would not start unsigned. */
const RESET_AD_HOC_DARWIN_SIGNATURE_ON = Object.freeze(['darwin', 'mas']);

module.exports = { FUSES, RESET_AD_HOC_DARWIN_SIGNATURE_ON };
