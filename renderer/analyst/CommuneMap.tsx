/**
 * The 55 communes drawn from the outlines bundled with the analyst window (assets/geo, no
 * tile server), coloured by participation per 1,000 inhabitants; hidden figures are grey.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import outlines from '../../assets/geo/ca-cambrai-communes.geojson?raw';
import { formatNumber } from '../../shared/analyst/format';
import { MAP_CLASS_COLOURS, MAP_HIDDEN_COLOUR, MAP_ZERO_COLOUR, classBreaks, classRanges, fillOf, parseCommuneCollection, projectCommunes } from '../../shared/analyst/map';

export function CommuneMap({ rates, selected }: { rates: ReadonlyMap<string, number | null>; selected: string | null }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language === 'en' ? 'en' : 'fr';
  const map = useMemo(() => projectCommunes(parseCommuneCollection(JSON.parse(outlines) as unknown)), []);
  const published = [...rates.values()].filter((v): v is number => v !== null);
  const breaks = classBreaks(published);
  return (
    <figure className="commune-map">
      <svg viewBox={`0 0 ${map.width} ${map.height}`} role="img" aria-label={`${t('dashboard.map.title')} — ${t('dashboard.map.legend')}`} data-testid="commune-map">
        {map.shapes.map((shape) => {
          const rate = rates.get(shape.code) ?? null;
          return (
            <path
              key={shape.code}
              d={shape.path}
              data-code={shape.code}
              fill={fillOf(rate, breaks)}
              stroke={selected === `C${shape.code}` ? '#000' : '#555'}
              strokeWidth={selected === `C${shape.code}` ? 2.5 : 0.6}
            >
              <title>{`${shape.name} (${shape.code}) : ${rate === null ? t('dashboard.map.hidden') : formatNumber(lng, rate)}`}</title>
            </path>
          );
        })}
      </svg>
      <figcaption>
        <strong>{t('dashboard.map.legend')}</strong>
        <ul className="map-legend">
          {classRanges(breaks, published).map((range, i) => (
            <li key={i}>
              <span className="swatch" style={{ background: MAP_CLASS_COLOURS[i] }} /> {t(range.last ? 'dashboard.map.classLast' : 'dashboard.map.classUnder', { from: formatNumber(lng, range.from), to: formatNumber(lng, range.to) })}
            </li>
          ))}
          <li>
            <span className="swatch" style={{ background: MAP_ZERO_COLOUR }} /> 0
          </li>
          <li>
            <span className="swatch" style={{ background: MAP_HIDDEN_COLOUR }} /> {t('dashboard.map.hidden')}
          </li>
        </ul>
        <small>{t('dashboard.map.attribution')}</small>
      </figcaption>
    </figure>
  );
}
