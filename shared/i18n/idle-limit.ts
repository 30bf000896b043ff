/**
 * What the privacy screen promises about the time limit, computed from the same two settings
 * the visit machine waits on (shared/flow/kioskMachine.ts): after `idleDelayS` without a touch
 * the kiosk asks "Vous êtes toujours là ?", and after `warningDelayS` more it erases
 * everything. The promise is about the erasure, the moment that matters for privacy, and
 * it is exact: in minutes when the total is a whole number of minutes (the defaults,
 * 90 s + 30 s = 2 minutes), in seconds otherwise, never rounded.
 */
export interface IdleLimitText {
  key: 'privacy.idleLimit' | 'privacy.idleLimitSeconds';
  count: number;
}

export function idleLimitText(idleDelayS: number, warningDelayS: number): IdleLimitText {
  const total = idleDelayS + warningDelayS;
  return total % 60 === 0 ? { key: 'privacy.idleLimit', count: total / 60 } : { key: 'privacy.idleLimitSeconds', count: total };
}
