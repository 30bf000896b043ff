/**
 * How the kiosk was started. Production is the default so that a kiosk launched with no
 * arguments is always locked down; developer comforts must be asked for explicitly.
 * Plain module (no `electron` import) so it can be tested in Node.
 */
export interface RuntimeMode {
  /** Normal resizable window, devtools and shortcuts allowed (`--dev` or `REPERES_DEV=1`). */
  readonly dev: boolean;
  /** Analyst mode (`--analyst`): parsed now, used by the analyst screens later. */
  readonly analyst: boolean;
}

export const PRODUCTION_MODE: RuntimeMode = Object.freeze({ dev: false, analyst: false });

export function parseRuntimeMode(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): RuntimeMode {
  return Object.freeze({
    dev: argv.includes('--dev') || env.REPERES_DEV === '1',
    analyst: argv.includes('--analyst'),
  });
}
