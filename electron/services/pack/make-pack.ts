/**
 * Making a configuration pack on the agglomeration's side (`reperes pack`, and the analyst
 * window): the agglomeration's key files, the help directory from a file in the national
 * "lieux de médiation numérique" format, settings from a small JSON file, a sequence that
 * grows, the recordings of the directory's places when a recorder is given (pack-audio.ts), and
 * the signature.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { directorySchema, type HelpPlace } from '../../../shared/orientation/directory';
import { LANGUAGES, type Language } from '../../../shared/i18n/languages';
import { MAX_PACK_BYTES, packSettingsSchema, packSiteSchema, unsignedPackSchema, PACK_FORMAT, PACK_FORMAT_VERSION, PUBLIC_KEY_FORMAT, type Pack, type PlaceAudio, type PublicKeyFile, type UnsignedPack } from '../../../shared/pack/format';
import { readMediationPlaces, type PlacesReport } from '../../../shared/places/mediation-numerique';
import { coarseDay } from '../../../shared/session/day';
import { formatRecoveryCode } from '../../../shared/staff/recovery-code';
import { isOpeningHoursSyntax } from '../opening-hours';
import { DEFAULT_SCRYPT, hashSecret } from '../secret-hash';
import { generateRecoveryCode } from '../staff-auth';
import { placeAudioCount } from './pack-audio';
import { generateAgglomerationKey, publicKeyOf, serializePack, signPack } from './signing';

export const PRIVATE_KEY_FORMAT = 'reperes-agglomeration-private-key';
export const PRIVATE_KEY_FILE = 'reperes-cle-agglomeration-PRIVEE.json';

export const privateKeyFileSchema = z.strictObject({
  format: z.literal(PRIVATE_KEY_FORMAT),
  issuer: z.string().trim().min(1).max(120),
  publicKey: z.string(),
  privateKey: z.string(),
  created: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type PrivateKeyFile = z.infer<typeof privateKeyFileSchema>;

export function newKeyFiles(issuer: string, now: Date): { privateFile: PrivateKeyFile; publicFile: PublicKeyFile } {
  const key = generateAgglomerationKey();
  const created = coarseDay(now);
  return {
    privateFile: { format: PRIVATE_KEY_FORMAT, issuer, publicKey: key.publicKey, privateKey: key.privateKey, created },
    publicFile: { format: PUBLIC_KEY_FORMAT, issuer, publicKey: key.publicKey, created },
  };
}

/** Reads a private key file; throws with a clear message when it is not one or its keys disagree. */
export function parsePrivateKeyFile(text: string): PrivateKeyFile {
  const parsed = privateKeyFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`not a Repères agglomeration private key file (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  if (publicKeyOf(parsed.data.privateKey) !== parsed.data.publicKey) throw new Error('the private and public keys of this file do not match');
  return parsed.data;
}

/** The settings file of `reperes pack --settings`: pack settings, plus `sites` and, without --places, a `directory`. */
export const packSettingsFileSchema = packSettingsSchema.extend({
  sites: z.record(z.string().regex(/^[A-Z0-9-]{1,16}$/), packSiteSchema).optional(),
  directory: directorySchema.optional(),
});
export type PackSettingsFile = z.infer<typeof packSettingsFileSchema>;

export interface MakePackInput {
  key: PrivateKeyFile;
  /** A file in the national format, as text. */
  placesCsv?: string;
  settings?: PackSettingsFile;
  sequence?: number;
  description?: string;
  /** Add a new recovery code (its hash in the pack; the code itself is returned once). */
  recoveryCode?: boolean;
  /**
   * Records the directory's places, and the closed screen's "come back" sentences of the sites'
   * hours, for visitors speaking `languages` (the pack's languages, or all of them): given where
   * espeak-ng and opusenc are available (pack-audio.ts).
   */
  recordPlaces?: (places: HelpPlace[], languages: readonly Language[], siteHours: readonly string[]) => Promise<PlaceAudio>;
  now: Date;
}

export interface MadePack {
  pack: Pack;
  places: PlacesReport | null;
  /** Hours the kiosk could not read, by place name (kept as text, shown as they are). */
  unreadableHours: string[];
  recoveryCode: string | null;
  /** The places' recordings the pack carries (null: none recorded). */
  placeAudio: { recordings: number; voices: string[] } | null;
}

export class PackInputError extends Error {}

export async function makePack(input: MakePackInput): Promise<MadePack> {
  const { sites, directory: fileDirectory, ...settings } = input.settings ?? {};
  let directory: HelpPlace[] | undefined = fileDirectory;
  let places: PlacesReport | null = null;
  if (input.placesCsv !== undefined) {
    places = readMediationPlaces(input.placesCsv);
    if (places.places.length === 0) throw new PackInputError('the places file holds no place in the agglomeration’s 55 communes');
    directory = places.places;
  }
  for (const [code, site] of Object.entries(sites ?? {})) {
    if (site.openingHours && !isOpeningHoursSyntax(site.openingHours)) throw new PackInputError(`sites.${code}.openingHours is not in the opening_hours syntax: ${site.openingHours}`);
  }
  if (settings.openingHours && !isOpeningHoursSyntax(settings.openingHours)) throw new PackInputError(`openingHours is not in the opening_hours syntax: ${settings.openingHours}`);
  const unreadableHours = (directory ?? []).filter((p) => p.openingHours !== '' && !isOpeningHoursSyntax(p.openingHours)).map((p) => p.name);
  const code = input.recoveryCode ? generateRecoveryCode() : null;
  const siteHours = [settings.openingHours ?? '', ...Object.values(sites ?? {}).map((s) => s.openingHours ?? '')].filter((h) => h !== '');
  const placeAudio = input.recordPlaces && ((directory ?? []).length > 0 || siteHours.length > 0) ? await input.recordPlaces(directory ?? [], settings.enabledLanguages ?? LANGUAGES, siteHours) : undefined;
  const unsigned: UnsignedPack = {
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    pack: {
      id: randomBytes(16).toString('hex'),
      // By default the second it was made: each new pack is newer than the last.
      sequence: input.sequence ?? Math.floor(input.now.getTime() / 1000),
      created: coarseDay(input.now),
      issuer: input.key.issuer,
      description: input.description ?? '',
    },
    settings,
    ...(directory ? { directory } : {}),
    ...(sites && Object.keys(sites).length > 0 ? { sites } : {}),
    ...(code ? { staff: { recoveryCode: await hashSecret(code, DEFAULT_SCRYPT) } } : {}),
    ...(placeAudio ? { placeAudio } : {}),
    signer: { publicKey: input.key.publicKey },
  };
  const valid = unsignedPackSchema.safeParse(unsigned);
  if (!valid.success) throw new PackInputError(valid.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const pack = signPack(valid.data, input.key.privateKey);
  const bytes = Buffer.byteLength(serializePack(pack), 'utf8');
  if (bytes > MAX_PACK_BYTES) throw new PackInputError(`the pack would be ${bytes} bytes, kiosks read at most ${MAX_PACK_BYTES}: fewer places, or make it without recordings (--no-audio)`);
  return { pack, places, unreadableHours, recoveryCode: code ? formatRecoveryCode(code) : null, placeAudio: placeAudio ? placeAudioCount(placeAudio) : null };
}
