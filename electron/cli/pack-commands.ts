/**
 * `reperes pack keygen` and `reperes pack`: the agglomeration's key, and signed configuration
 * packs for its kiosks (electron/services/pack/make-pack.ts). Loaded only when asked for.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packFileName, PUBLIC_KEY_FILE } from '../../shared/pack/format';
import { makePack, newKeyFiles, packSettingsFileSchema, parsePrivateKeyFile, PRIVATE_KEY_FILE, type PackSettingsFile } from '../services/pack/make-pack';
import { packPlaceRecorder } from '../services/pack/pack-audio';
import { packKeyFingerprint, serializePack } from '../services/pack/signing';
import { writeFileAtomicSync } from '../services/atomic-file';

export interface PackCommandResult {
  ok: boolean;
  lines: string[];
  errors: string[];
}

export function runKeygen(outDir: string, issuer: string, now = new Date()): PackCommandResult {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const { privateFile, publicFile } = newKeyFiles(issuer, now);
  const privatePath = join(dir, PRIVATE_KEY_FILE);
  // Never overwrite a key: packs already trusted by kiosks would stop being accepted.
  try {
    writeFileSync(privatePath, `${JSON.stringify(privateFile, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { ok: false, lines: [], errors: [`${privatePath} already exists: keep using it (kiosks trust it), or choose another folder`] };
    throw error;
  }
  writeFileAtomicSync(join(dir, PUBLIC_KEY_FILE), `${JSON.stringify(publicFile, null, 2)}\n`, 0o644);
  return {
    ok: true,
    lines: [
      `wrote ${privatePath} (PRIVATE: keep it off the kiosks, backed up, readable only by the agglomeration)`,
      `wrote ${join(dir, PUBLIC_KEY_FILE)} (public: copy it to the USB stick used to install kiosks)`,
      `fingerprint: ${packKeyFingerprint(publicFile.publicKey)} (print it: staff compare it on each kiosk)`,
    ],
    errors: [],
  };
}

export interface PackOptions {
  key: string;
  out: string;
  places?: string;
  settings?: string;
  sequence?: number;
  description?: string;
  recoveryCode?: boolean;
  /** Record the places' audio when espeak-ng and opusenc are on PATH (default true; --no-audio). */
  audio?: boolean;
  now?: Date;
}

/** Says why a pack carries no recordings of its places, and what the kiosks do instead. */
function noAudioLine(why: string): string {
  return `place audio: not recorded (${why}): kiosks say these places with their own local voice, if they have one`;
}

export async function runPack(options: PackOptions): Promise<PackCommandResult> {
  const key = parsePrivateKeyFile(readFileSync(options.key, 'utf8'));
  let settings: PackSettingsFile | undefined;
  if (options.settings !== undefined) {
    const parsed = packSettingsFileSchema.safeParse(JSON.parse(readFileSync(options.settings, 'utf8')));
    if (!parsed.success) {
      return { ok: false, lines: [], errors: parsed.error.issues.slice(0, 5).map((i) => `${options.settings}: ${i.path.join('.') || '(root)'}: ${i.message}`) };
    }
    settings = parsed.data;
  }
  // Recorded as the bundled directory's places are, when this machine can (pack-audio.ts).
  const tools = options.audio === false ? null : packPlaceRecorder();
  const made = await makePack({
    key,
    ...(tools?.ok ? { recordPlaces: tools.record } : {}),
    now: options.now ?? new Date(),
    ...(options.places !== undefined ? { placesCsv: readFileSync(options.places, 'utf8') } : {}),
    ...(settings ? { settings } : {}),
    ...(options.sequence !== undefined ? { sequence: options.sequence } : {}),
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.recoveryCode ? { recoveryCode: true } : {}),
  });
  const dir = resolve(options.out);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, packFileName(made.pack.pack.sequence));
  writeFileAtomicSync(file, serializePack(made.pack), 0o644);
  const lines = [`wrote ${file} (pack ${made.pack.pack.sequence}, signed by ${packKeyFingerprint(key.publicKey)})`];
  const errors: string[] = [];
  if (made.places) {
    const r = made.places;
    lines.push(`places: ${r.places.length} kept of ${r.rows} rows (the agglomeration's 55 communes)`);
    const byReason = new Map<string, number>();
    for (const s of r.skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
    for (const [reason, n] of byReason) lines.push(`  left out: ${n} (${reason})`);
    if (r.unknownColumns.length > 0) lines.push(`  ignored columns: ${r.unknownColumns.join(', ')}`);
    if (r.unknownValues.length > 0) lines.push(`  ignored values: ${r.unknownValues.join(', ')}`);
  }
  if (made.pack.directory && made.pack.directory.length > 0) {
    if (made.placeAudio) lines.push(`place audio: ${made.placeAudio.recordings} recordings in ${made.placeAudio.voices.length} voices (${made.placeAudio.voices.join(', ')}), signed with the pack`);
    else if (tools === null) lines.push(noAudioLine('--no-audio'));
    else if (!tools.ok) lines.push(noAudioLine(`${tools.missing.join(' and ')} not found on PATH; Debian: apt-get install -y espeak-ng opus-tools`));
  }
  if (made.unreadableHours.length > 0) lines.push(`hours kept as text (not in the opening_hours syntax): ${made.unreadableHours.join('; ')}`);
  if (made.recoveryCode) lines.push(`recovery code in this pack: ${made.recoveryCode} (give it to the site staff; it is not written anywhere else)`);
  return { ok: true, lines, errors };
}
