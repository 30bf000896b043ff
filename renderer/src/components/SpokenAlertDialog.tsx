import { useEffect, type ReactNode, type RefObject } from 'react';
import { Pictogram } from './Pictogram';
import { ListenButton } from '../audio/ListenButton';
import { getSpeechState, play, stop, type SpeechItem } from '../audio/speech';

/**
 * The kiosk's modal questions ("Vous êtes toujours là ?", "Voulez-vous quitter… ?"): said
 * aloud as soon as they appear, whatever the settings (docs/accessibility.md), with their own
 * "Écouter" to hear them again. Escape is never a silent close: it does what the caller's
 * safe answer does (continue the visit).
 */
export function SpokenAlertDialog({
  id,
  dialogRef,
  pictogram,
  title,
  body,
  speech,
  onEscape,
  children,
}: {
  id: string;
  dialogRef: RefObject<HTMLDialogElement | null>;
  pictogram: string;
  title: string;
  body: string;
  speech: SpeechItem[];
  onEscape: () => void;
  children: ReactNode;
}) {
  useEffect(() => {
    void play(speech, id);
    return () => {
      if (getSpeechState().playingId === id) stop();
    };
  }, [speech, id]);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        event.preventDefault();
        onEscape();
      }}
    >
      <Pictogram id={pictogram} size="large" />
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-body`}>{body}</p>
      <ListenButton id={id} items={speech} />
      {children}
    </dialog>
  );
}
