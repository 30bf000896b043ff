/**
 * The discreet chime that tells staff someone pressed "Demander de l'aide" (a site setting,
 * off by default). Synthesised with the Web Audio API — two soft tones, under a second — so
 * there is no file to ship and nothing to fetch.
 */
let context: AudioContext | null = null;

export function playHelpChime(volume = 0.25): void {
  try {
    context ??= new AudioContext();
    const start = context.currentTime + 0.02;
    [660, 880].forEach((frequency, i) => {
      const ctx = context as AudioContext;
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      const at = start + i * 0.35;
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(volume, at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.001, at + 0.6);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.65);
    });
    document.documentElement.dataset['helpChime'] = String(Number(document.documentElement.dataset['helpChime'] ?? '0') + 1);
  } catch {
    // No audio output: the on-screen message still says that someone is coming.
  }
}
