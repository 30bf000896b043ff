/** Pictograms that point along the reading direction: mirrored in right-to-left languages (styles.css). */
const DIRECTIONAL = new Set(['next', 'back']);

/** A pictogram beside a text. Decorative: the text next to it carries the meaning. */
export function Pictogram({ id, size = 'medium' }: { id: string; size?: 'small' | 'medium' | 'large' }) {
  const className = `pictogram pictogram--${size}${DIRECTIONAL.has(id) ? ' pictogram--directional' : ''}`;
  return <img className={className} src={`/pictograms/${id}.svg`} alt="" aria-hidden="true" draggable={false} />;
}
