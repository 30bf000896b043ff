import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pictogram } from './Pictogram';
import { ListenButton } from '../audio/ListenButton';
import { getSpeechState, play, stop, type SpeechItem } from '../audio/speech';
import { useModalDialog } from './useModalDialog';

/**
 * "Arrêter" asks before ending the visit (issue 17: one mis-tap erased it). Said aloud as it
 * appears, like the idle warning; "Non, je continue" is first and focused, so a second
 * mis-tap or Escape keeps the visit.
 */
export function QuitDialog({ onConfirm, onCancel }: { onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { dialogRef, firstRef } = useModalDialog<HTMLButtonElement>();
  const [speech] = useState<SpeechItem[]>(() => [
    { key: 'quitConfirm.title' },
    { key: 'quitConfirm.body' },
    { key: 'quitConfirm.cancel' },
    { key: 'quitConfirm.confirm' },
  ]);

  useEffect(() => {
    void play(speech, 'quit');
    return () => {
      if (getSpeechState().playingId === 'quit') stop();
    };
  }, [speech]);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="quit-title"
      aria-describedby="quit-body"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <Pictogram id="hand-stop" size="large" />
      <h2 id="quit-title">{t('quitConfirm.title')}</h2>
      <p id="quit-body">{t('quitConfirm.body')}</p>
      <ListenButton id="quit" items={speech} />
      <div className="dialog__actions">
        <button ref={firstRef} type="button" className="button button--primary button--large" data-quit="cancel" onClick={onCancel}>
          {t('quitConfirm.cancel')}
        </button>
        <button type="button" className="button" data-quit="confirm" onClick={onConfirm}>
          {t('quitConfirm.confirm')}
        </button>
      </div>
    </dialog>
  );
}
