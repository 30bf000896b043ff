/**
 * The chime that tells staff someone pressed "Demander de l'aide" (a site setting): two tones,
 * about 1.3 s, synthesised with the Web Audio API, so there is no file to ship and nothing to
 * fetch. It must carry across a room, so at 100 % it plays near full scale: each tone peaks at
 * CHIME_PEAK_GAIN and the second starts while the first has decayed to a few hundredths, so
 * the sum of both never reaches 1 (no clipping, checked by test/unit/help-chime.test.ts).
 */
let context: AudioContext | null = null;

/** The loudest a single tone goes, at 100 %. */
export const CHIME_PEAK_GAIN = 0.9;
export const CHIME_TONES = [660, 880] as const;
/** Seconds between the starts of the two tones. */
export const CHIME_TONE_GAP_S = 0.35;
const ATTACK_S = 0.03;
const DECAY_END_S = 0.6;
const STOP_S = 0.65;
const SILENCE = 0.001;

/** `volumePercent` is the site's setting (10–100). */
export function playHelpChime(volumePercent = 100): void {
  try {
    context ??= new AudioContext();
    const ctx = context;
    // A kiosk that has not yet played sound may hold its context suspended (autoplay policy).
    if (ctx.state === 'suspended') void ctx.resume();
    const peak = (CHIME_PEAK_GAIN * Math.min(100, Math.max(0, volumePercent))) / 100;
    const start = ctx.currentTime + 0.02;
    CHIME_TONES.forEach((frequency, i) => {
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      const at = start + i * CHIME_TONE_GAP_S;
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(peak, at + ATTACK_S);
      gain.gain.exponentialRampToValueAtTime(SILENCE, at + DECAY_END_S);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(at);
      oscillator.stop(at + STOP_S);
    });
    document.documentElement.dataset['helpChime'] = String(Number(document.documentElement.dataset['helpChime'] ?? '0') + 1);
  } catch {
    // No audio output: the banner on screen still shows the request from across the room.
  }
}
