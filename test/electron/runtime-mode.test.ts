/** Production is what a kiosk gets unless a developer explicitly asks for more. */
import { describe, expect, it, vi } from 'vitest';
import { PRODUCTION_MODE, parseRuntimeMode } from '../../electron/runtime-mode';

vi.mock('electron', () => {
  throw new Error('runtime-mode must not import electron');
});

describe('parseRuntimeMode', () => {
  it('is production with no flags and no environment', () => {
    expect(parseRuntimeMode(['/usr/bin/electron', '.'], {})).toEqual({ dev: false, analyst: false });
    expect(PRODUCTION_MODE).toEqual({ dev: false, analyst: false });
  });

  it('turns dev mode on with --dev', () => {
    expect(parseRuntimeMode(['/usr/bin/electron', '.', '--dev'], {})).toEqual({ dev: true, analyst: false });
  });

  it('turns dev mode on with REPERES_DEV=1 only', () => {
    expect(parseRuntimeMode(['electron', '.'], { REPERES_DEV: '1' }).dev).toBe(true);
    expect(parseRuntimeMode(['electron', '.'], { REPERES_DEV: '0' }).dev).toBe(false);
    expect(parseRuntimeMode(['electron', '.'], { REPERES_DEV: '' }).dev).toBe(false);
  });

  it('does not take look-alike arguments for flags', () => {
    expect(parseRuntimeMode(['electron', '.', '--developer', 'dev', '--dev=0x'], {})).toEqual({ dev: false, analyst: false });
  });

  it('parses --analyst independently of --dev', () => {
    expect(parseRuntimeMode(['electron', '.', '--analyst'], {})).toEqual({ dev: false, analyst: true });
    expect(parseRuntimeMode(['electron', '.', '--analyst', '--dev'], {})).toEqual({ dev: true, analyst: true });
  });

  it('returns a frozen mode that cannot be switched to dev later', () => {
    const mode = parseRuntimeMode(['electron'], {});
    expect(Object.isFrozen(mode)).toBe(true);
    expect(Object.isFrozen(PRODUCTION_MODE)).toBe(true);
  });
});
