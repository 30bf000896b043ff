/**
 * The end of the visit: an encouraging summary in plain words (never a grade), what the
 * person already does, and 1 to 3 next steps from the local directory that they can take
 * away as a QR code or a printed ticket holding only those steps.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskContext } from '../../../shared/flow/kioskMachine';
import type { HelpPlace } from '../../../shared/orientation/directory';
import { recommend } from '../../../shared/orientation/rules';
import { pruneHiddenAnswers } from '../../../shared/questionnaire/engine';
import { scoreSession } from '../../../shared/scoring';
import { DSI_AREAS } from '../../../shared/scoring/types';
import { Pictogram } from '../components/Pictogram';
import { QrCode } from '../components/QrCode';
import { ListenButton } from '../audio/ListenButton';
import { spokenProps, type SpeechItem } from '../audio/speech';
import { placeAddress, placeName, placePhone } from '../../../shared/orientation/place-speech';
import { htmlLangOf } from '../../../shared/i18n/languages';
import type { HoursSchedule } from '../../../shared/opening/status';
import { dayHoursSentence, dayRanges, type Phrase } from '../../../shared/opening/day-hours';
import { lineText, openingLine } from '../opening-text';

interface Props {
  context: KioskContext;
  directory: HelpPlace[];
  /** Each place's open intervals, when its hours are in OpenStreetMap syntax. */
  hours: Record<string, HoursSchedule>;
  onFinish: () => void;
}

export function ResultScreen({ context, directory, hours, onFinish }: Props) {
  const { t } = useTranslation();
  const { scores, steps } = useMemo(() => {
    const answers = pruneHiddenAnswers(context.input.definition, context.answers);
    const scores = scoreSession(answers, context.exercises);
    const steps = recommend(scores, answers, directory, { language: context.language }).flatMap((r) => {
      const place = directory.find((p) => p.id === r.placeId);
      return place ? [{ need: r.need, place }] : [];
    });
    return { scores, steps };
  }, [context.input.definition, context.answers, context.exercises, context.language, directory]);
  // Read once, when the result shows: the screen and the ticket say the same thing.
  const [now] = useState(() => Date.now());
  const opening = (placeId: string) => openingLine(t, context.language, hours[placeId], now);
  /** The day's hours in full, in the visitor's language and voice (shared/opening/day-hours.ts). */
  const todaySpeech = (placeId: string): SpeechItem[] => {
    const ranges = dayRanges(hours[placeId], now);
    const phrase: Phrase = (key, values) => t(key, { ...values, lng: context.language });
    return ranges ? [{ text: dayHoursSentence(ranges, context.language, phrase), lang: htmlLangOf(context.language) }] : [];
  };

  // What the person already does: areas at basic or above (an area left open by "je ne sais
  // pas" is not claimed as a strength).
  const strengths = scores.dsi.areas ? DSI_AREAS.filter((a) => scores.dsi.areas?.[a] === 'basic' || scores.dsi.areas?.[a] === 'aboveBasic') : [];
  const professional = context.answers['accompanied'] === 'PROFESSIONAL';
  // "Prenez ce code en photo" only for someone who said they have a smartphone; the others
  // keep the ticket ("Imprimer"), and the code stays for whoever comes with them.
  const photoAdvice = context.answers['smartphone'] === 'YES';
  // The QR code and the ticket carry the next steps only: no answer, no score, no date.
  const takeAway = [
    t('result.ticketTitle'),
    ...steps.map(({ need, place }) => {
      const line = opening(place.id);
      return [`• ${t(`result.need.${need}`)} : ${place.name}`, place.address, place.openingHours, line ? lineText(line) : '', place.phone].filter(Boolean).join('\n  ');
    }),
  ].join('\n');

  // The summary, what the person does, then each next step: the need, where to go, the address,
  // whether it is open and the phone number (place-speech.ts: recordings for the bundled
  // directory's places, a local voice for the others).
  const speech: SpeechItem[] = [
    { key: 'result.title' },
    { key: `result.summary.${scores.dsi.category}` },
    { key: 'result.strengthsTitle' },
    ...(strengths.length > 0 ? strengths.map((area) => ({ key: `result.area.${area}` })) : [{ key: 'result.nothingYet' }]),
    ...(steps.length > 0 ? [{ key: 'result.nextStepsTitle' }] : []),
    ...steps.flatMap(({ need, place }): SpeechItem[] => {
      const state = opening(place.id)?.state;
      const address = placeAddress(place);
      const phone = placePhone(place, htmlLangOf(context.language));
      const kind = t(`result.kind.${place.kind}`) !== place.name ? [{ key: `result.kind.${place.kind}` }] : [];
      return [
        { key: `result.need.${need}` },
        placeName(place),
        ...kind,
        ...(address ? [{ key: 'result.address' }, address] : []),
        ...(state ? [{ key: 'result.hours' }, { key: state === 'open' ? 'hours.openNow' : 'hours.closedNow' }, ...todaySpeech(place.id)] : []),
        ...(phone ? [{ key: 'result.phone' }, phone] : []),
      ];
    }),
    ...(steps.length > 0 ? [{ key: 'result.qrTitle' }, ...(photoAdvice ? [{ key: 'result.qrHint' }] : [])] : []),
  ];

  return (
    <main className="screen screen--result">
      <div className="screen__heading">
        <Pictogram id="star" size="large" />
        <h1 tabIndex={-1}>{t('result.title')}</h1>
        <ListenButton id="result" items={speech} screen />
      </div>
      <p className="lead" role="status">
        {t(`result.summary.${scores.dsi.category}`)}
      </p>
      {context.saveFailed ? <p className="notice" role="alert">{t('result.saveFailed')}</p> : null}

      <section className="result__section" aria-labelledby="strengths-title">
        <h2 id="strengths-title">{t('result.strengthsTitle')}</h2>
        {strengths.length > 0 ? (
          <ul className="points">
            {strengths.map((area) => (
              <li key={area}>
                <Pictogram id="check" />
                <span>{t(`result.area.${area}`)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('result.nothingYet')}</p>
        )}
      </section>

      {steps.length > 0 ? (
        <section className="result__section" aria-labelledby="steps-title">
          <h2 id="steps-title">{t('result.nextStepsTitle')}</h2>
          <ol className="steps">
            {steps.map(({ need, place }) => (
              <li key={place.id} className="step" data-need={need}>
                <h3>{t(`result.need.${need}`)}</h3>
                <p className="step__place">
                  <strong>{place.name}</strong>
                  {/* The kind in its own element: it is said as a whole, the separator is not. */}
                  {t(`result.kind.${place.kind}`) !== place.name ? (
                    <>
                      {' · '}
                      <span>{t(`result.kind.${place.kind}`)}</span>
                    </>
                  ) : null}
                </p>
                <dl>
                  {place.address ? (
                    <>
                      <dt>{t('result.address')}</dt>
                      {/* A French address in an Arabic or Dari page: isolated, so that "59400 Cambrai" keeps its order. */}
                      <dd>
                        <bdi dir="ltr">{place.address}</bdi>
                      </dd>
                    </>
                  ) : null}
                  {place.openingHours ? (
                    <>
                      <dt>{t('result.hours')}</dt>
                      <dd>
                        <span dir="ltr">{place.openingHours}</span>
                        {(() => {
                          const line = opening(place.id);
                          return line ? (
                            <span className="step__open" data-open={line.state}>
                              {lineText(line)}
                            </span>
                          ) : null;
                        })()}
                      </dd>
                    </>
                  ) : null}
                  {place.phone ? (
                    <>
                      <dt>{t('result.phone')}</dt>
                      <dd dir="ltr">{place.phone}</dd>
                    </>
                  ) : null}
                </dl>
              </li>
            ))}
          </ol>
          <div className="qr">
            <QrCode text={takeAway} label={t('result.qrLabel')} />
            <div>
              <h2>{t('result.qrTitle')}</h2>
              {photoAdvice ? <p className="qr__hint">{t('result.qrHint')}</p> : null}
              <button type="button" className="button" {...spokenProps({ key: 'result.print' })} onClick={() => window.print()}>
                <Pictogram id="print" size="small" />
                {t('result.print')}
              </button>
            </div>
          </div>
        </section>
      ) : null}

      {professional ? (
        <details className="result__section professional">
          <summary className="button">{t('result.professionalView')}</summary>
          <h2>{t('result.areaDetail')}</h2>
          <table>
            <tbody>
              {DSI_AREAS.map((area) => (
                <tr key={area}>
                  <th scope="row">{t(`result.area.${area}`)}</th>
                  <td>{scores.dsi.areas ? t(`result.areaLevel.${scores.dsi.areas[area]}`) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>{t(`result.profile.${scores.autonomy.profile}`)}</p>
          <p>{t(`result.observed.${scores.observed.level}`)}</p>
          <p>{t(`result.mismatch.${scores.mismatch}`)}</p>
        </details>
      ) : null}

      <pre className="ticket">{takeAway}</pre>

      <nav className="screen__nav">
        <span />
        <button type="button" className="button button--primary button--large" {...spokenProps({ key: 'nav.finish' })} onClick={onFinish}>
          {t('nav.finish')}
          <Pictogram id="next" size="small" />
        </button>
      </nav>
    </main>
  );
}
