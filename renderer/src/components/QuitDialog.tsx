import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { spokenProps, type SpeechItem } from '../audio/speech';
import { SpokenAlertDialog } from './SpokenAlertDialog';
import { useModalDialog } from './useModalDialog';

/**
 * "Quitter" asks before ending the visit (issue 17: one mis-tap erased it). "Non, je continue"
 * is first and focused, so a second mis-tap or Escape keeps the visit.
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
  return (
    <SpokenAlertDialog id="quit" dialogRef={dialogRef} pictogram="hand-stop" title={t('quitConfirm.title')} body={t('quitConfirm.body')} speech={speech} onEscape={onCancel}>
      <div className="dialog__actions">
        <button ref={firstRef} type="button" className="button button--primary button--large" data-quit="cancel" {...spokenProps({ key: 'quitConfirm.cancel' })} onClick={onCancel}>
          {t('quitConfirm.cancel')}
        </button>
        <button type="button" className="button" data-quit="confirm" {...spokenProps({ key: 'quitConfirm.confirm' })} onClick={onConfirm}>
          {t('quitConfirm.confirm')}
        </button>
      </div>
    </SpokenAlertDialog>
  );
}
