/** Pictograms that point along the reading direction: mirrored in right-to-left languages (styles.css). */
const DIRECTIONAL = new Set(['next', 'back']);

/**
 * A pictogram beside a text. Decorative: the text next to it carries the meaning.
 *
 * Shown from the PNG rendering of the OpenMoji SVG (scripts/pictograms-png.mts): Chromium
 * re-records an SVG <img> as a vector drawing on the main thread at every paint, which cost
 * about a fifth of the time between "Suivant" and the next question on a slow kiosk (issue 17).
 */
export function Pictogram({ id, size = 'medium' }: { id: string; size?: 'small' | 'medium' | 'large' }) {
  const className = `pictogram pictogram--${size}${DIRECTIONAL.has(id) ? ' pictogram--directional' : ''}`;
  return <img className={className} src={`/pictograms/${id}.png`} alt="" aria-hidden="true" draggable={false} />;
}
