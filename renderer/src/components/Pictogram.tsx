import { useInsertionEffect } from 'react';

/** Pictograms that point along the reading direction: mirrored in right-to-left languages (styles.css). */
const DIRECTIONAL = new Set(['next', 'back']);

/**
 * One rule per pictogram, in a stylesheet of their own, added the first time a pictogram is
 * shown (the renderer lives all day: each rule is added once). A rule's image is looked up
 * once, then every element it styles shares it.
 */
const sheet = typeof CSSStyleSheet === 'undefined' ? null : new CSSStyleSheet();
const ruled = new Set<string>();
if (sheet) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

/** The class that draws pictogram `id` (ids are file names: letters, digits and dashes). */
export const pictogramClass = (id: string) => `pictogram--is-${id.replace(/[^a-z0-9-]/gi, '_')}`;

function addRule(id: string): void {
  if (!sheet || ruled.has(id)) return;
  ruled.add(id);
  sheet.insertRule(`.${pictogramClass(id)} { background-image: url(${JSON.stringify(`/pictograms/${encodeURIComponent(id)}.png`)}); }`, sheet.cssRules.length);
}

/**
 * A pictogram beside a text. Decorative: the text next to it carries the meaning, so it is
 * hidden from assistive technologies.
 *
 * Shown from the PNG rendering of the OpenMoji SVG (scripts/pictograms-png.mts): Chromium
 * re-records an SVG <img> as a vector drawing on the main thread at every paint, which cost
 * about a fifth of the time between "Suivant" and the next question on a slow kiosk (issue 17).
 *
 * Drawn as the background of a <span> rather than an <img>: React sets a new <img>'s `src`
 * twice (once when it creates the element, again when it mounts it), and each time Chromium
 * looks the image up again and later sends a `load` event into React; with ten new
 * pictograms a question, that was about a sixth of the script run by "Suivant" (bench/,
 * CPU ×4). A span is not draggable and has no "save image" menu on a long press either.
 */
export function Pictogram({ id, size = 'medium' }: { id: string; size?: 'small' | 'medium' | 'large' }) {
  // Before the element is on the page, so that its first style already finds the rule.
  useInsertionEffect(() => addRule(id), [id]);
  const className = `pictogram pictogram--${size} ${pictogramClass(id)}${DIRECTIONAL.has(id) ? ' pictogram--directional' : ''}`;
  return <span className={className} aria-hidden="true" />;
}
