import { useLayoutEffect, useRef } from 'react';

/**
 * Opens a <dialog> as modal (the rest of the kiosk is inert, Tab stays inside), focuses its
 * first action, and gives the focus back to where it was when it closes. A layout effect,
 * because its cleanup runs before React removes the dialog: focus then returns to the
 * element the person left, not to the page body (issue 17: after "Vous êtes toujours là ?"
 * focus fell to the body).
 */
export function useModalDialog<T extends HTMLElement>() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const firstRef = useRef<T>(null);
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    const returnTo = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    firstRef.current?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      // The element may be gone (the screen changed): then the new screen's heading takes it.
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, []);
  return { dialogRef, firstRef };
}
