// The preview's stand-in for the preload (electron/preload.ts): one frozen
// `window.reperes.invoke(channel, payload)` that posts the call to the preview server, which
// checks the caller and runs it through the same gate as Electron's IPC (scripts/preview/bridge.ts).
// Served by `npm run preview` only, from a tag it adds to the page it serves: the built
// renderer on disk, and so the packaged app, never contain it.
//
// Calls travel as JSON rather than Electron's structured clone; the contract's payloads and
// results are plain data, so the renderer sees the same values.
(() => {
  'use strict';
  const config = document.currentScript.dataset;
  const token = new URLSearchParams(window.location.search).get(config.tokenParam) ?? '';
  const INTERNAL = Object.freeze({ ok: false, error: Object.freeze({ code: 'internal' }) });

  async function invoke(channel, payload) {
    let response;
    try {
      response = await fetch(config.invoke, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [config.tokenHeader]: token },
        body: JSON.stringify({ channel, payload }),
        cache: 'no-store',
        credentials: 'omit',
        redirect: 'error',
      });
    } catch {
      // The preview was stopped: what IPC gives when the main process is gone.
      return INTERNAL;
    }
    // Every answer of the bridge, refusals included, is the gate's own { ok, … } response.
    const body = await response.json().catch(() => null);
    return body !== null && typeof body === 'object' && typeof body.ok === 'boolean' ? body : INTERNAL;
  }

  Object.defineProperty(window, 'reperes', {
    value: Object.freeze({ invoke }),
    writable: false,
    configurable: false,
    enumerable: true,
  });
})();
