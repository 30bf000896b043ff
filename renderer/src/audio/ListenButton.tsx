/**
 * "Écouter": says the screen (or one part of it) aloud; pressed again while speaking, it stops.
 * Hidden when nothing of it can be heard, so that it is never a dead button. With `screen`,
 * its items are also what automatic reading says when the screen appears.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Pictogram } from '../components/Pictogram';
import { play, registerSpeech, spokenProps, screenShown, stop, type SpeechItem } from './speech';
import { useSpeakable, useSpeechState } from './useSpeech';

interface Props {
  /** Identifies the sequence (and the screen, with `screen`): a new id is a new screen. */
  id: string;
  items: SpeechItem[];
  screen?: boolean;
  className?: string;
}

export function ListenButton({ id, items, screen = false, className = '' }: Props) {
  const { t } = useTranslation();
  const { playingId } = useSpeechState();
  const available = useSpeakable(items);
  const itemsKey = JSON.stringify(items);

  useEffect(() => registerSpeech(id, JSON.parse(itemsKey) as SpeechItem[]), [id, itemsKey]);
  useEffect(() => {
    if (screen && available) screenShown(id, JSON.parse(itemsKey) as SpeechItem[]);
  }, [screen, available, id, itemsKey]);

  if (!available) return null;
  const playing = playingId === id;
  return (
    <button
      type="button"
      className={`button button--listen${playing ? ' is-playing' : ''} ${className}`.trim()}
      data-speech-control=""
      data-listen={id}
      {...spokenProps({ key: playing ? 'audio.stop' : 'audio.listen' })}
      onClick={() => (playing ? stop() : void play(items, id))}
    >
      <Pictogram id={playing ? 'hand-stop' : 'listen'} size="small" />
      {playing ? t('audio.stop') : t('audio.listen')}
    </button>
  );
}
