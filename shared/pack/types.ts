/** What the staff area's pack channels return. Plain data. */
import type { SettingChange } from './changes';

export const PACK_REFUSALS = [
  'tooLarge',
  'empty',
  'invalidUtf8',
  'tooDeep',
  'forbiddenKey',
  'notJson',
  'unknownFormat',
  'unsupportedFormatVersion',
  'unsigned',
  'schema',
  'hashMismatch',
  'noTrustedKey',
  'untrustedKey',
  'badSignature',
  'older',
  'alreadyApplied',
  'invalidSettings',
  'readError',
] as const;
export type PackRefusal = (typeof PACK_REFUSALS)[number];

export interface PackSummary {
  sequence: number;
  id: string;
  created: string;
  issuer: string;
  description: string;
  places: number | null;
  /** The pack carries a recovery code chosen by the agglomeration. */
  recoveryCode: boolean;
}

export interface PackFileVerdict {
  fileName: string;
  /** null when the file was accepted. */
  refusal: PackRefusal | null;
  detail: string;
  sequence: number | null;
}

export type PackReadOutcome =
  | { ok: true; token: string; pack: PackSummary; changes: SettingChange[]; files: PackFileVerdict[] }
  | { ok: false; reason: PackRefusal | 'noPackFound' | 'cancelled' | 'noFolderPicker'; files: PackFileVerdict[] };

export type PackApplyOutcome = { ok: true; sequence: number | null; changes: SettingChange[] } | { ok: false; reason: 'unknownToken' | 'nothingToRollBack' | 'invalidSettings' | 'changedMeanwhile' };

export interface AppliedPack extends PackSummary {
  appliedDay: string;
}

export interface PackStatus {
  trustedKeyFingerprint: string | null;
  current: AppliedPack | null;
  /** What a rollback would return to (null: the settings before any pack). */
  previous: AppliedPack | null;
  canRollBack: boolean;
  lastSequence: number;
}

export type TrustReadOutcome =
  | { ok: true; publicKey: string; fingerprint: string; issuer: string; replaces: string | null }
  | { ok: false; reason: 'cancelled' | 'noFolderPicker' | 'noKeyFile' | 'invalidKeyFile' };

export type TrustOutcome = { ok: true; fingerprint: string } | { ok: false; reason: 'invalidKey' | 'pinRequired' | 'wrongPin' | 'lockedOut' };

export type PackRecoveryOutcome = { ok: true; sequence: number } | { ok: false; reason: PackRefusal | 'noPackFound' | 'noRecoveryCodeInPack' | 'notRequired' | 'cancelled' | 'noFolderPicker' };

/** The analyst window's pack tab. */
export interface AnalystPackStatus {
  /** Fingerprint of the agglomeration key in the analyst's data folder; null until the first pack makes it. */
  fingerprint: string | null;
  issuer: string;
}

export type AnalystPackOutcome =
  | {
      ok: true;
      folder: string;
      fileName: string;
      sequence: number;
      fingerprint: string;
      rows: number;
      places: number;
      /** Rows left out, by reason (outsideAgglomeration, missingName…). */
      skipped: Record<string, number>;
      unknownColumns: string[];
      unknownValues: string[];
      unreadableHours: string[];
      /** Shown once when asked for; the pack holds only its hash. */
      recoveryCode: string | null;
      /** The places' recordings in the pack (0: none). */
      recordings: number;
      /** Why there are none: the speech tools this machine lacks (espeak-ng, opusenc). */
      missingSpeechTools: string[];
    }
  | { ok: false; reason: 'cancelled' | 'noFilePicker' | 'placesFile' | 'writeFailed'; detail: string };
