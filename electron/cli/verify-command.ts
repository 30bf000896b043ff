/**
 * `reperes verify`: the analysts' check of bundles, with the import's own checks. Loaded only
 * when `verify` is asked for.
 */
import { checkBundleBytes, readLimited } from '../services/analyst/bundle-file';
import { checkBundleSize, checkDates, checkTables, DEFAULT_LIMITS } from '../services/analyst/guards';
import { analystText } from '../../shared/analyst/texts';
import { epochLabel } from '../../shared/export/bundle';
import { sameKey } from '../../shared/key-fingerprint';
import { keyFingerprint } from '../services/key-fingerprint';
import { printable } from '../../shared/printable';
import { expandBundlePaths } from './bundle-paths';

export interface VerifyCommandResult {
  ok: boolean;
  lines: string[];
  errors: string[];
}

/** One bundle file through the import's own checks, then its plausibility (dates, tables, size). */
async function verifyOne(file: string, trustedPublicKey: string | undefined, today: Date): Promise<{ ok: boolean; lines: string[] }> {
  const shown = printable(file);
  const read = await readLimited(file);
  if (!read.ok) return { ok: false, lines: [`${shown}: INVALID (${read.reason}): ${analystText('en', `import.reason.${read.reason}`)} ${printable(read.detail)}`] };
  const checked = checkBundleBytes(read.bytes);
  if (!checked.ok) return { ok: false, lines: [`${shown}: INVALID (${checked.reason}): ${analystText('en', `import.reason.${checked.reason}`)} ${printable(checked.detail)}`] };
  const { kiosk, export: e, questionnaire } = checked.bundle;
  const fingerprint = keyFingerprint(kiosk.publicKey);
  if (trustedPublicKey !== undefined && !sameKey(trustedPublicKey, kiosk.publicKey)) {
    return { ok: false, lines: [`${shown}: INVALID (untrustedKey): signed by the key ${fingerprint}, not by the key given with --public-key`] };
  }
  const implausible = checkDates(checked.bundle, today) ?? checkBundleSize(checked.bundle, DEFAULT_LIMITS) ?? checkTables(checked.bundle);
  if (implausible) {
    return { ok: false, lines: [`${shown}: IMPLAUSIBLE (${implausible.reason}): ${analystText('en', `import.reason.${implausible.reason}`)} ${printable(implausible.detail)}`] };
  }
  const epoch = e.epoch === undefined ? '' : `, epoch ${epochLabel(e.epoch)}`;
  return {
    ok: true,
    lines: [
      `${shown}: OK — schema, SHA-256 and Ed25519 signature verified; dates, tables and counts plausible`,
      `  kiosk ${kiosk.pseudonym} (site ${printable(kiosk.siteCode) || '-'} ${printable(kiosk.siteName)}), key fingerprint ${fingerprint}`,
      `  export ${e.sequence}${epoch} (${e.id}), ${e.sessions} sessions, ${e.from} to ${e.to}, created ${e.created}, questionnaire ${questionnaire.id} ${questionnaire.version}`,
    ],
  };
}

/** `reperes verify`: every bundle file the paths (files and folders) stand for. */
export async function runVerify(paths: readonly string[], trustedPublicKey?: string, today: Date = new Date()): Promise<VerifyCommandResult> {
  const { files, problems } = await expandBundlePaths(paths);
  const errors = problems.map(({ path, problem }) =>
    problem === 'missing' ? `${printable(path)}: does not exist` : problem === 'noBundleFiles' ? `${printable(path)}: no export file (reperes-….json) in this folder or its sub-folders` : `${printable(path)}: too many files; verify its sub-folders one by one`,
  );
  const lines: string[] = [];
  let valid = 0;
  for (const file of files) {
    const result = await verifyOne(file, trustedPublicKey, today);
    (result.ok ? lines : errors).push(...result.lines);
    if (result.ok) valid++;
  }
  if (files.length > 1 || problems.length > 0) lines.push(`${valid} valid, ${files.length - valid} invalid${problems.length ? `, ${problems.length} path(s) without export files` : ''}`);
  if (files.length === 0) errors.push(`nothing verified: no export file in ${paths.map(printable).join(', ')}`);
  return { ok: files.length > 0 && valid === files.length && problems.length === 0, lines, errors };
}
