/**
 * What the staff area's channels return. Plain data, shared by the main process (which
 * computes it) and the staff screens (which show it).
 */
import type { DimensionId } from '../export/tables';

/** A figure as it may reach a screen: its value, or only the fact that it is below k. */
export type Figure = { n: number } | { belowK: true };

export const EXPORT_FAILURES = [
  'cancelled',
  'nothingToExport',
  'busy',
  'noSpace',
  'readOnly',
  'mediaRemoved',
  'noPermission',
  'verifyFailed',
  'writeFailed',
  'unknownSequence',
  'noFolderPicker',
] as const;
export type ExportFailure = (typeof EXPORT_FAILURES)[number];

export interface WrittenBundle {
  sequence: number;
  fileName: string;
  sessions: number;
  from: string;
  to: string;
}

export type ExportOutcome =
  | { ok: true; folder: string; bundles: WrittenBundle[] }
  | { ok: false; reason: ExportFailure; folder?: string; bundles: WrittenBundle[] };

export interface ExportLogItem {
  sequence: number;
  exportId: string;
  createdDay: string;
  sessions: number;
  from: string;
  to: string;
  fileName: string;
  status: 'pending' | 'verified';
}

export interface StaffOverview {
  kioskPseudonym: string;
  /** The kiosk's public key fingerprint (shared/key-fingerprint.ts), read out to the analyst at a first import. */
  keyFingerprint: string;
  siteCode: string;
  siteName: string;
  /** Sessions not yet covered by a verified export. */
  sessionsSinceExport: number;
  lastExport: { sequence: number; day: string; sessions: number } | null;
  /** A bundle written but not verified: the next export writes it again first. */
  pendingExport: number | null;
  /** null when the file system cannot tell. */
  freeDiskBytes: number | null;
  databaseBytes: number;
  /** Problems staff must know about, most serious first. */
  alerts: StaffAlert[];
}

/**
 * What went wrong on this kiosk, in words staff can act on (docs/guide-personnel.md):
 * a damaged database moved aside at start, a disk refusing writes (visits wait in memory),
 * a daily backup that failed.
 */
export type StaffAlert =
  | { kind: 'databaseRecovered'; day: string; movedTo: string; reason: string }
  | { kind: 'storageFull' | 'storageReadOnly'; waitingSessions: number }
  | { kind: 'backupFailed'; day: string }
  /** The identity file was missing or damaged at start and its newest backup copy took its place. */
  | { kind: 'identityRestored'; day: string }
  /** The identity file and its copies were lost: new pseudonym and key; PIN only after the recovery code. */
  | { kind: 'identityLost'; day: string }
  /** No recovery code yet (kiosk installed before they existed): make one and print it. */
  | { kind: 'noRecoveryCode' };

/** Row or series dimensions of a dashboard matrix: export dimensions plus a few of the dashboard's own. */
export type DashboardDimension = DimensionId | 'section' | 'total' | 'share';

export interface DashboardMatrix {
  id: 'sessionsPerMonth' | 'completion' | 'abandonSection' | 'dsiByAge' | 'illectronismeByAge' | 'autonomyTasks' | 'autonomyProfileByAge' | 'needsByAge' | 'barriersByAge';
  rows: { dimension: DashboardDimension; codes: string[] };
  series: { dimension: DashboardDimension; codes: string[] };
  /** values[row][series]. */
  values: Figure[][];
  /** For shares: percentages (whole numbers) per row, or null when a term is below k. */
  shares?: (number | null)[];
}

export interface DashboardData {
  k: number;
  /** First and last month of the counted visits, or null when there are none. */
  period: { from: string; to: string } | null;
  sessions: Figure;
  matrices: DashboardMatrix[];
}

export interface StaffAuthStatus {
  pinSet: boolean;
  unlocked: boolean;
  /** Seconds before a PIN may be tried again (0 when not locked out). */
  retryAfterS: number;
  /** The kiosk's identity file was lost: no new PIN before the recovery code is given. */
  recoveryRequired: boolean;
  /** A recovery code exists (kiosks installed before recovery codes have none until staff make one). */
  recoveryCodeSet: boolean;
  /** The area was opened with the recovery code: a new PIN may be chosen without the old one. */
  canResetPin: boolean;
}

export type UnlockResult =
  | { ok: true }
  | { ok: false; reason: 'wrongPin'; attemptsLeft: number; retryAfterS: number }
  | { ok: false; reason: 'lockedOut'; retryAfterS: number }
  | { ok: false; reason: 'noPin' };

/** A PIN chosen: the recovery code to print comes with it, shown once and never stored in clear. */
export type SetPinResult = { ok: true; recoveryCode: string } | { ok: false; reason: 'pinAlreadySet' | 'recoveryRequired' };

export type RecoverResult = { ok: true } | { ok: false; reason: 'wrongCode' | 'noRecoveryCode' };

export type ResetPinResult = { ok: true; recoveryCode: string } | { ok: false; reason: 'notRecovered' };

/** The kiosk's log (electron/services/log.ts): what happened to the machine, never to a person. */
export type LogLevel = 'info' | 'warn' | 'error';
export type LogDetailValue = string | number | string[];
export interface LogEntry {
  /** UTC, to the minute: 2026-11-20T11:34Z. */
  time: string;
  level: LogLevel;
  /** An event code such as 'export.failed' (the list: LOG_EVENTS in electron/services/log.ts). */
  event: string;
  /** Allow-listed fields only (codes, counts, file names), already sanitized. */
  details: Record<string, LogDetailValue>;
}

/** Why a support bundle could not be written: the export's reasons that apply to it. */
export const SUPPORT_BUNDLE_FAILURES = ['cancelled', 'busy', 'noSpace', 'readOnly', 'mediaRemoved', 'noPermission', 'verifyFailed', 'writeFailed', 'noFolderPicker'] as const;
export type SupportBundleFailure = (typeof SUPPORT_BUNDLE_FAILURES)[number];

export type SupportBundleOutcome =
  | { ok: true; folder: string; folderName: string; files: string[] }
  | { ok: false; reason: SupportBundleFailure; folder?: string };
