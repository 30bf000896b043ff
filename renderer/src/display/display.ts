/**
 * The kiosk's display settings (docs/accessibility.md, issue 4): text size up to 200 % and a
 * high-contrast theme, changed from the header on every screen and back to their defaults
 * at the end of each session (`resetDisplay`), like the voice settings (audio/speech.ts).
 *
 * Text size is the root font size: the kiosk's CSS sizes everything in rem, so text, targets,
 * spacing and pictograms all grow together. High contrast is `<html data-contrast="high">`,
 * which overrides the colour custom properties of styles.css.
 */

/** Text sizes, as a factor of the default; the button steps through them in this order. */
export const TEXT_SCALES = [1, 1.5, 2] as const;
export type TextScale = (typeof TEXT_SCALES)[number];
export type Contrast = 'normal' | 'high';

export interface DisplayState {
  textScale: TextScale;
  contrast: Contrast;
}

export const DEFAULT_DISPLAY: DisplayState = { textScale: 1, contrast: 'normal' };

let state: DisplayState = DEFAULT_DISPLAY;
const listeners = new Set<() => void>();

/** Puts the settings on the document: `<html style="font-size">`, `data-text-scale`, `data-contrast`. */
function apply(): void {
  if (typeof document === 'undefined') return;
  const root = document.documentElement;
  root.style.fontSize = state.textScale === 1 ? '' : `${state.textScale * 100}%`;
  root.dataset['textScale'] = String(state.textScale * 100);
  if (state.contrast === 'high') root.dataset['contrast'] = 'high';
  else delete root.dataset['contrast'];
}

function update(patch: Partial<DisplayState>): void {
  // The same settings again (the reset at every waiting screen): the same state object, so
  // that React renders nothing again.
  if ((Object.keys(patch) as (keyof DisplayState)[]).every((k) => Object.is(state[k], patch[k]))) return;
  state = { ...state, ...patch };
  apply();
  for (const listener of listeners) listener();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getDisplayState(): DisplayState {
  return state;
}

export function setTextScale(textScale: TextScale): void {
  update({ textScale });
}

/** The next size: 100 % → 150 % → 200 % → back to 100 %. */
export function nextTextScale(current: TextScale = state.textScale): TextScale {
  const index = TEXT_SCALES.indexOf(current);
  return TEXT_SCALES[(index + 1) % TEXT_SCALES.length] ?? 1;
}

export function setContrast(contrast: Contrast): void {
  update({ contrast });
}

/** End of a session: default text size and colours for the next person. */
export function resetDisplay(): void {
  update(DEFAULT_DISPLAY);
}

apply();
