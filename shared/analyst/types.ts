import type { KioskHealth } from '../export/health';

/**
 * What the analyst channels return: plain data shared by the main process (which computes
 * it), the analyst screens and the publication. Every count that may reach a screen or a
 * file has gone through the disclosure control first: `null` is a hidden figure.
 */

/** Stable reasons an import refuses a file; each has a French and an English message. */
export const IMPORT_REJECTIONS = [
  'readError',
  'tooLarge',
  'empty',
  'invalidUtf8',
  'tooDeep',
  'notJson',
  'duplicateKey',
  'forbiddenKey',
  'unknownFormat',
  'unsupportedFormatVersion',
  'schema',
  'hashMismatch',
  'badPublicKey',
  'badSignature',
  'datedBeforeProduct',
  'datedInFuture',
  'createdBeforePeriodEnd',
  'inconsistentTables',
  'tooManySessions',
  'otherQuestionnaire',
  'untrustedKiosk',
  'trustDeclined',
  'kioskKeyMismatch',
  'exportIdConflict',
  'sequenceReused',
  'databaseLimit',
  'storageError',
] as const;
export type ImportRejection = (typeof IMPORT_REJECTIONS)[number];

/** Things an accepted file makes worth knowing, without refusing it. */
export const IMPORT_WARNINGS = ['newKiosk', 'newEpoch', 'sequenceGap', 'periodOverlap', 'newQuestionnaireVersion'] as const;
export type ImportWarning = (typeof IMPORT_WARNINGS)[number];

export interface ImportWarningItem {
  code: ImportWarning;
  /** Values for the message (missing sequences, the overlapping export, the version…). */
  detail: Record<string, string | number>;
}

export interface BundleSummary {
  exportId: string;
  pseudonym: string;
  siteCode: string;
  siteName: string;
  /** The kiosk's export epoch ('' for bundles written before epochs: the legacy epoch). */
  epoch: string;
  sequence: number;
  from: string;
  to: string;
  sessions: number;
  questionnaire: string;
}

export type ImportFileResult =
  | { name: string; status: 'accepted'; bundle: BundleSummary; warnings: ImportWarningItem[] }
  | { name: string; status: 'duplicate'; bundle: BundleSummary }
  | { name: string; status: 'rejected'; reason: ImportRejection; detail: string; bundle?: BundleSummary }
  /** UI only: a kiosk seen for the first time waits for the analyst's confirmation. */
  | { name: string; status: 'awaitingTrust'; bundle: BundleSummary; fingerprint: string };

export interface NewKiosk {
  pseudonym: string;
  siteCode: string;
  siteName: string;
  /** SHA-256 of the public key, hex in groups of 4, to compare with the kiosk's staff screen. */
  fingerprint: string;
  files: number;
}

export interface ImportReport {
  files: ImportFileResult[];
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Files held until the analyst trusts (or not) kiosks seen for the first time. */
  pendingTrust: { token: string; kiosks: NewKiosk[] } | null;
}

/** One export epoch of a kiosk: its sequences run 1, 2, 3… on their own. */
export interface EpochRecord {
  /** '' for the legacy epoch (bundles without `export.epoch`). */
  epoch: string;
  bundles: number;
  lastSequence: number;
  /** The first missing sequences below the last one (at most 20 listed)… */
  missingSequences: number[];
  /** …and how many are missing in all. */
  missingCount: number;
}

/** One imported bundle, as the kiosks screen and `reperes kiosks --kiosk` list it (and `remove --bundle` takes its id). */
export interface ExportRecord {
  exportId: string;
  epoch: string;
  sequence: number;
  from: string;
  to: string;
  sessions: number;
  questionnaire: string;
  createdDay: string;
  importedDay: string;
}

export interface KioskRecord {
  pseudonym: string;
  siteCode: string;
  siteName: string;
  fingerprint: string;
  firstImportDay: string;
  lastImportDay: string | null;
  bundles: number;
  sessions: number;
  /** Oldest epoch first (by first import). */
  epochs: EpochRecord[];
  exports: ExportRecord[];
  from: string | null;
  to: string | null;
  /** Day the newest export was made on the kiosk (`export.created`), null without exports. */
  lastExportDay: string | null;
  /** Days from lastExportDay to today; null without exports. */
  daysSinceExport: number | null;
  /** More than AnalystOverview.overdueAfterDays days since the newest export (shared/analyst/kiosk-health.ts). */
  exportOverdue: boolean;
  /** The health carried by the kiosk's newest export that has one; null if none has. */
  health: KioskHealthRecord | null;
}

/** A kiosk's health as its newest export with a health part reported it (shared/export/health.ts). */
export interface KioskHealthRecord extends KioskHealth {
  /** The day that export was made. */
  day: string;
  sequence: number;
  epoch: string;
}

/** What `reperes remove` and the kiosks screen's "Retirer" took out of the database. */
export interface RemovalOutcome {
  kiosks: number;
  bundles: number;
  sessions: number;
}

export interface QuestionnaireVersionRecord {
  id: string;
  version: string;
  hash: string;
  firstImportDay: string;
  bundles: number;
}

export interface AnalystOverview {
  kiosks: KioskRecord[];
  /** The analyst's setting: kiosks with no export for more than this many days are flagged. */
  overdueAfterDays: number;
  /** The day the flags were computed for (today). */
  today: string;
  questionnaires: QuestionnaireVersionRecord[];
  /**
   * The questionnaire id the figures count (the id of the earliest bundle): bundles of
   * different questionnaire ids are never summed, and an import refuses another id.
   */
  questionnaireId: string | null;
  sites: { code: string; name: string }[];
  months: string[];
  bundles: number;
  sessions: number;
}

/**
 * Which visits the DSI and illectronisme panels count: completed visits and visits abandoned
 * once their DSI category was settled (the default, docs/scoring.md §7), or completed only.
 */
export const COMPLETION_CHOICES = ['withPartial', 'completedOnly'] as const;
export type CompletionChoice = (typeof COMPLETION_CHOICES)[number];
export const DEFAULT_COMPLETION: CompletionChoice = 'withPartial';

export interface DashboardFilters {
  site: string | null;
  commune: string | null;
  ageBand: string | null;
  from: string | null;
  to: string | null;
  /** Absent: `DEFAULT_COMPLETION`. */
  completion?: CompletionChoice;
}

export const NO_FILTERS: DashboardFilters = Object.freeze({ site: null, commune: null, ageBand: null, from: null, to: null });

export type FilterId = 'site' | 'commune' | 'ageBand' | 'period';

/** A 2-D table as shown and published: codes of its rows and columns, hidden figures null. */
export interface PanelTable {
  rows: { dimension: string; codes: string[] };
  columns: { dimension: string; codes: string[] };
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
}

export const PANEL_IDS = [
  'participation',
  'abandonment',
  'dsi',
  'illectronisme',
  'illectronismeTrend',
  'autonomy',
  'needs',
  'barriers',
  'recommendations',
  'communes',
  'declaredObserved',
] as const;
export type PanelId = (typeof PANEL_IDS)[number];

export interface Panel {
  id: PanelId;
  /** 'unavailable': a filter is set on a dimension the exports do not cross with this panel. */
  status: 'ok' | 'unavailable';
  blockedBy: FilterId[];
  /** How the period filter applies: month by month, or to whole exports inside the period. */
  period: 'months' | 'wholeExports';
  table: PanelTable | null;
  /** Per row: the share (percent, one decimal) the panel is about, null when hidden. */
  rowShares?: (number | null)[];
  /** The share over all rows. */
  overallShare?: number | null;
  /** Per row: a denominator other than the row total (sessions for multi-answer panels). */
  denominators?: (number | null)[];
  /** Per row: inhabitants (communes panel). */
  populations?: (number | null)[];
  /** Per row: participation per 1,000 inhabitants (communes panel). */
  ratesPer1000?: (number | null)[];
  /** Per column (age band): completed sessions, the denominator of the mention panels' shares. */
  columnDenominators?: (number | null)[];
  /**
   * Questionnaire versions of the selection that this panel leaves out: their tables count
   * something else and are never summed with the newest version's (shared/export/table-sets.ts).
   */
  leftOutVersions?: string[];
}

export interface AnalystDashboard {
  k: number;
  filters: DashboardFilters;
  /** What the selection covers (the sessions figure is protected like any other). */
  coverage: { bundles: number; kiosks: number; sessions: number | null; from: string | null; to: string | null; straddling: number };
  /** Which visits the DSI and illectronisme panels count (the filter, or the default). */
  completion: CompletionChoice;
  panels: Panel[];
}

export interface PublishedFile {
  /** Path relative to the publication folder. */
  path: string;
  bytes: number;
}

export type PublishOutcome =
  | { ok: true; folder: string; files: PublishedFile[]; rows: number; k: number }
  | { ok: false; reason: 'cancelled' | 'noFolderPicker' | 'nothingToPublish' | 'writeFailed' | 'renderFailed'; detail?: string; folder?: string; files: PublishedFile[] };
