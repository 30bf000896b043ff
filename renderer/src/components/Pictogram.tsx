/** A pictogram beside a text. Decorative: the text next to it carries the meaning. */
export function Pictogram({ id, size = 'medium' }: { id: string; size?: 'small' | 'medium' | 'large' }) {
  return <img className={`pictogram pictogram--${size}`} src={`/pictograms/${id}.svg`} alt="" aria-hidden="true" draggable={false} />;
}
