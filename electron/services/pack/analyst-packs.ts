/**
 * Configuration packs from the analyst window (the same as `reperes pack`): the agglomeration's
 * key lives in the analyst's data folder (`reperes-cle-agglomeration-PRIVEE.json`, made on first
 * use, mode 0600, never overwritten), the help places come from a file in the national
 * "lieux de médiation numérique" format the analyst picks, and the pack with the public key
 * file (for installing kiosks) is written into a folder the analyst picks (the USB stick).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packFileName, PUBLIC_KEY_FILE } from '../../../shared/pack/format';
import { PlacesFileError } from '../../../shared/places/mediation-numerique';
import type { AnalystPackOutcome, AnalystPackStatus } from '../../../shared/pack/types';
import { writeFileAtomicSync } from '../atomic-file';
import { makePack, newKeyFiles, parsePrivateKeyFile, PackInputError, PRIVATE_KEY_FILE, type PrivateKeyFile } from './make-pack';
import { packPlaceRecorder } from './pack-audio';
import { packKeyFingerprint, serializePack } from './signing';

export const DEFAULT_ISSUER = "Communauté d'Agglomération de Cambrai";

export interface AnalystPacksOptions {
  userDataDir: string;
  now: () => Date;
  /** Asks for the places file (CSV); null when cancelled. */
  choosePlacesFile?: () => Promise<string | null>;
  /** Asks for the folder to write the pack into; null when cancelled. */
  chooseFolder?: () => Promise<string | null>;
  /** Record the places' audio when this machine has espeak-ng and opusenc (default true). */
  recordPlaceAudio?: boolean;
}

export function createAnalystPacks(options: AnalystPacksOptions) {
  const keyPath = join(options.userDataDir, PRIVATE_KEY_FILE);
  const readKey = (): PrivateKeyFile | null => (existsSync(keyPath) ? parsePrivateKeyFile(readFileSync(keyPath, 'utf8')) : null);
  const keyOrNew = (): PrivateKeyFile => {
    const existing = readKey();
    if (existing) return existing;
    const { privateFile } = newKeyFiles(DEFAULT_ISSUER, options.now());
    // 'wx': never replaces a key kiosks may already trust.
    writeFileSync(keyPath, `${JSON.stringify(privateFile, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    return privateFile;
  };

  /** Two packs made within the same second still get growing sequences (a kiosk refuses an older one). */
  let lastSequence = 0;

  return {
    status(): AnalystPackStatus {
      const key = readKey();
      return { fingerprint: key ? packKeyFingerprint(key.publicKey) : null, issuer: key?.issuer ?? DEFAULT_ISSUER };
    },
    async make({ description, recoveryCode }: { description: string; recoveryCode: boolean }): Promise<AnalystPackOutcome> {
      if (!options.choosePlacesFile || !options.chooseFolder) return { ok: false, reason: 'noFilePicker', detail: '' };
      const placesFile = await options.choosePlacesFile();
      if (placesFile === null) return { ok: false, reason: 'cancelled', detail: '' };
      let placesCsv: string;
      try {
        placesCsv = readFileSync(placesFile, 'utf8');
      } catch (error) {
        return { ok: false, reason: 'placesFile', detail: error instanceof Error ? error.message : String(error) };
      }
      const key = keyOrNew();
      // Recorded as `reperes pack` records them (pack-audio.ts).
      const recorder = options.recordPlaceAudio === false ? null : packPlaceRecorder();
      let made;
      try {
        const sequence = Math.max(Math.floor(options.now().getTime() / 1000), lastSequence + 1);
        made = await makePack({ key, placesCsv, description, recoveryCode, sequence, now: options.now(), ...(recorder?.ok ? { recordPlaces: recorder.record } : {}) });
        lastSequence = sequence;
      } catch (error) {
        if (error instanceof PlacesFileError || error instanceof PackInputError) return { ok: false, reason: 'placesFile', detail: error.message };
        throw error;
      }
      const folder = await options.chooseFolder();
      if (folder === null) return { ok: false, reason: 'cancelled', detail: '' };
      const fileName = packFileName(made.pack.pack.sequence);
      try {
        writeFileAtomicSync(join(folder, fileName), serializePack(made.pack), 0o644);
        const publicFile = { format: 'reperes-agglomeration-key', issuer: key.issuer, publicKey: key.publicKey, created: key.created };
        writeFileAtomicSync(join(folder, PUBLIC_KEY_FILE), `${JSON.stringify(publicFile, null, 2)}\n`, 0o644);
      } catch (error) {
        return { ok: false, reason: 'writeFailed', detail: error instanceof Error ? error.message : String(error) };
      }
      const report = made.places;
      const skipped: Record<string, number> = {};
      for (const s of report?.skipped ?? []) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
      return {
        ok: true,
        folder,
        fileName,
        sequence: made.pack.pack.sequence,
        fingerprint: packKeyFingerprint(key.publicKey),
        rows: report?.rows ?? 0,
        places: report?.places.length ?? 0,
        skipped,
        unknownColumns: report?.unknownColumns ?? [],
        unknownValues: report?.unknownValues ?? [],
        unreadableHours: made.unreadableHours,
        recoveryCode: made.recoveryCode,
        recordings: made.placeAudio?.recordings ?? 0,
        missingSpeechTools: recorder && !recorder.ok ? recorder.missing : [],
      };
    },
  };
}
