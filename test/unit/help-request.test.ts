/**
 * "Demander de l'aide" (issue 17): the request stays open until the visitor cancels it or staff
 * answer it (shared/flow/helpMachine.ts), the chime repeats at the site's interval up to its
 * maximum and stops when answered, the chime itself is loud without clipping
 * (renderer/src/audio/chime.ts against a recording AudioContext), and the site's settings and
 * packs refuse values that make no sense. The screen side (banner across navigation and reset,
 * staff gesture, promise per site) is in test/e2e/kiosk-flow.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, type Actor } from 'xstate';
import { helpMachine, type HelpMachineInput } from '../../shared/flow/helpMachine';
import { CHIME_PEAK_GAIN, CHIME_TONE_GAP_S, playHelpChime } from '../../renderer/src/audio/chime';
import { defaultSettings, settingsPatchSchema, settingsSchema } from '../../shared/settings/schema';
import { packSettingsSchema, packSiteSchema } from '../../shared/pack/format';
import { settingsWithPack, settingsChanges } from '../../shared/pack/changes';
import type { Pack } from '../../shared/pack/format';

describe('the help request machine', () => {
  let rings: number;
  let actor: Actor<typeof helpMachine>;
  const start = (input: Partial<HelpMachineInput> = {}) => {
    actor = createActor(helpMachine.provide({ actions: { ring: () => void rings++ } }), {
      input: { chime: true, repeatMs: 20_000, maxRings: 4, ...input },
    });
    actor.start();
    return actor;
  };
  const requested = () => actor.getSnapshot().matches('requested');

  beforeEach(() => {
    vi.useFakeTimers();
    rings = 0;
  });
  afterEach(() => {
    actor.stop();
    vi.useRealTimers();
  });

  it('rings at once, then every interval, and stops at the site maximum while the request stays open', () => {
    start();
    actor.send({ type: 'HELP_REQUEST' });
    expect(rings).toBe(1);
    vi.advanceTimersByTime(19_999);
    expect(rings).toBe(1);
    vi.advanceTimersByTime(1);
    expect(rings).toBe(2);
    vi.advanceTimersByTime(40_000);
    expect(rings).toBe(4);
    vi.advanceTimersByTime(10 * 60_000);
    expect(rings).toBe(4);
    // Silent, not forgotten: the banner is still owed an answer.
    expect(requested()).toBe(true);
  });

  it('stops ringing when staff acknowledge it, and a new request rings again from one', () => {
    start();
    actor.send({ type: 'HELP_REQUEST' });
    vi.advanceTimersByTime(20_000);
    expect(rings).toBe(2);
    actor.send({ type: 'HELP_ACKNOWLEDGE' });
    expect(requested()).toBe(false);
    vi.advanceTimersByTime(5 * 60_000);
    expect(rings).toBe(2);
    actor.send({ type: 'HELP_REQUEST' });
    expect(rings).toBe(3);
    expect(actor.getSnapshot().context.rings).toBe(1);
  });

  it('the visitor can cancel their own request; tapping again while waiting does not restart the count', () => {
    start({ maxRings: 2 });
    actor.send({ type: 'HELP_REQUEST' });
    actor.send({ type: 'HELP_REQUEST' });
    expect(rings).toBe(1);
    vi.advanceTimersByTime(20_000);
    actor.send({ type: 'HELP_REQUEST' });
    vi.advanceTimersByTime(60_000);
    expect(rings).toBe(2);
    actor.send({ type: 'HELP_CANCEL' });
    expect(requested()).toBe(false);
  });

  it('with the chime off the request is open and silent', () => {
    start({ chime: false });
    actor.send({ type: 'HELP_REQUEST' });
    vi.advanceTimersByTime(5 * 60_000);
    expect(rings).toBe(0);
    expect(requested()).toBe(true);
  });
});

/** A Web Audio stand-in that records what the chime schedules. */
class RecordingParam {
  events: { kind: string; value: number; at: number }[] = [];
  value = 0;
  setValueAtTime(value: number, at: number) {
    this.events.push({ kind: 'set', value, at });
  }
  linearRampToValueAtTime(value: number, at: number) {
    this.events.push({ kind: 'linear', value, at });
  }
  exponentialRampToValueAtTime(value: number, at: number) {
    this.events.push({ kind: 'exp', value, at });
  }
}
const contexts: RecordingContext[] = [];
class RecordingContext {
  currentTime = 10;
  state = 'running';
  destination = {};
  gains: RecordingParam[] = [];
  tones: { frequency: number; start: number; stop: number }[] = [];
  constructor() {
    contexts.push(this);
  }
  resume() {
    return Promise.resolve();
  }
  createGain() {
    const gain = new RecordingParam();
    this.gains.push(gain);
    return { gain, connect: (next: unknown) => next };
  }
  createOscillator() {
    const tone = { frequency: 0, start: 0, stop: 0 };
    this.tones.push(tone);
    return {
      type: '',
      frequency: {
        set value(v: number) {
          tone.frequency = v;
        },
      },
      connect: (next: unknown) => next,
      start: (at: number) => (tone.start = at),
      stop: (at: number) => (tone.stop = at),
    };
  }
}

/** The gain of one tone at time t, following the scheduled ramps (Web Audio semantics). */
function gainAt(param: RecordingParam, t: number): number {
  let previous = { value: 0, at: -Infinity };
  for (const e of param.events) {
    if (t < e.at) {
      if (e.kind === 'linear') return previous.value + ((e.value - previous.value) * (t - previous.at)) / (e.at - previous.at);
      if (e.kind === 'exp') return previous.value * (e.value / previous.value) ** ((t - previous.at) / (e.at - previous.at));
      return previous.value;
    }
    previous = { value: e.value, at: e.at };
  }
  return previous.value;
}

describe('the help chime', () => {
  beforeEach(() => {
    vi.stubGlobal('AudioContext', RecordingContext);
    vi.stubGlobal('document', { documentElement: { dataset: {} as Record<string, string> } });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('at 100 % is near full scale and never clips, even where the two tones overlap', () => {
    playHelpChime(100);
    const ctx = contexts.at(-1) as RecordingContext;
    const [first, second] = ctx.gains.slice(-2) as [RecordingParam, RecordingParam];
    const start = ctx.tones.at(-2)?.start ?? 0;
    let loudest = 0;
    let peak = 0;
    for (let t = start; t < start + 1.5; t += 0.001) {
      const a = gainAt(first, t);
      const b = gainAt(second, t);
      peak = Math.max(peak, a, b);
      loudest = Math.max(loudest, a + b);
    }
    expect(peak).toBeGreaterThanOrEqual(0.85);
    expect(loudest).toBeLessThan(1);
    expect(ctx.tones.slice(-2).map((tone) => tone.frequency)).toEqual([660, 880]);
    expect((ctx.tones.at(-1)?.start ?? 0) - start).toBeCloseTo(CHIME_TONE_GAP_S);
  });

  it('follows the site volume and counts each ring for the screen checks', () => {
    playHelpChime(50);
    playHelpChime(100);
    const ctx = contexts.at(-1) as RecordingContext;
    const peaks = ctx.gains.map((g) => Math.max(...g.events.map((e) => e.value)));
    expect(peaks.slice(-4)).toEqual([CHIME_PEAK_GAIN / 2, CHIME_PEAK_GAIN / 2, CHIME_PEAK_GAIN, CHIME_PEAK_GAIN]);
    expect((globalThis.document as unknown as { documentElement: { dataset: Record<string, string> } }).documentElement.dataset['helpChime']).toBe('2');
  });
});

describe('the help settings', () => {
  it('default to a loud chime every 20 s, 15 times at most, and the promise that someone comes', () => {
    expect(defaultSettings()).toMatchObject({ helpChime: true, helpChimeVolume: 100, helpChimeRepeatS: 20, helpChimeMaxRings: 15, helpPromise: 'staffComing' });
    expect(settingsSchema.safeParse(defaultSettings()).success).toBe(true);
  });

  it.each([
    ['helpChimeVolume', 0],
    ['helpChimeVolume', 150],
    ['helpChimeVolume', 55.5],
    ['helpChimeRepeatS', 1],
    ['helpChimeRepeatS', 3600],
    ['helpChimeMaxRings', 0],
    ['helpChimeMaxRings', 1000],
    ['helpPromise', 'nobodyEver'],
    ['helpPromise', ''],
  ])('refuse %s = %j in the staff area and in a pack', (key, value) => {
    expect(settingsPatchSchema.safeParse({ [key]: value }).success).toBe(false);
    expect(packSettingsSchema.safeParse({ [key]: value }).success).toBe(false);
  });

  it('a pack sets the promise per site: the staffed site keeps « quelqu’un vient », the other one says « montrez l’écran »', () => {
    const pack = {
      settings: { helpChimeVolume: 80 },
      sites: { LABO: { helpPromise: 'staffComing' }, MAIRIE: { helpPromise: 'showReception' } },
    } as unknown as Pack;
    expect(packSiteSchema.safeParse({ helpPromise: 'showReception' }).success).toBe(true);
    const labo = settingsWithPack({ ...defaultSettings(), siteCode: 'LABO' }, pack);
    const mairie = settingsWithPack({ ...defaultSettings(), siteCode: 'MAIRIE' }, pack);
    expect(labo).toMatchObject({ helpPromise: 'staffComing', helpChimeVolume: 80 });
    expect(mairie).toMatchObject({ helpPromise: 'showReception', helpChimeVolume: 80 });
    // Staff see the change before applying the pack.
    expect(settingsChanges({ ...defaultSettings(), siteCode: 'MAIRIE' }, mairie).map((c) => c.key)).toEqual(['helpChimeVolume', 'helpPromise']);
  });
});
