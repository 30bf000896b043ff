/**
 * The configuration pack: what the agglomeration sends to every kiosk on a USB stick, signed
 * with its own Ed25519 key (`reperes pack`, or the analyst window), so that a dozen kiosks in
 * centres sociaux share one directory of help places and the same settings without anyone
 * typing them in. A kiosk trusts one agglomeration key (set at installation), applies a pack
 * in one transaction, and can roll back to the one before (docs/deploiement.md).
 *
 * A pack holds: kiosk settings (languages, idle delays, help request, small-cell threshold,
 * opening hours, daily restart), the help directory (usually made from the national
 * "lieux de médiation numérique" data), per-site settings keyed by site code (a site's opening
 * hours, its help promise), optionally the hash of a recovery code the agglomeration hands to staff,
 * and the recordings of the directory's places when the pack was made where espeak-ng was
 * available (`placeAudio`: inside the signed content, so no recording can be swapped).
 * `integrity.sha256` is the SHA-256 of the canonical JSON of everything but `integrity`;
 * `integrity.signature` signs that same text. Pure.
 */
import { z } from 'zod';
import { canonicalJson } from '../canonical';
import { directorySchema } from '../orientation/directory';
import { settingsSchema } from '../settings/schema';

export const PACK_FORMAT = 'reperes-config-pack';
export const PACK_FORMAT_VERSION = 1;
/**
 * A directory of a few hundred places is well under 1 MB; its recordings add about 65 KB of
 * base64 per place (name, address, and the phone number in each language's voice).
 */
export const MAX_PACK_BYTES = 32 * 1024 * 1024;
/** Pack files on a stick: `reperes-paquet-<sequence>.json`. */
export const PACK_FILE_PATTERN = /^reperes-paquet-[0-9]{1,16}\.json$/;
export const packFileName = (sequence: number) => `reperes-paquet-${sequence}.json`;
/** The agglomeration's public key, for kiosks to trust at installation. */
export const PUBLIC_KEY_FILE = 'reperes-cle-agglomeration.json';
export const PUBLIC_KEY_FORMAT = 'reperes-agglomeration-key';

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(4096);

/** The settings a pack may set: everything but the site's own code and name, which stay the kiosk's. */
export const packSettingsSchema = settingsSchema.omit({ siteCode: true, siteName: true, directory: true }).partial();
export type PackSettings = z.infer<typeof packSettingsSchema>;

/** Per site: its hours, and whether someone there answers the help request (staffed or not). */
export const packSiteSchema = settingsSchema.pick({ openingHours: true, dailyRestart: true, helpPromise: true }).partial();
export type PackSite = z.infer<typeof packSiteSchema>;

const secretHashSchema = z.strictObject({
  hash: base64,
  salt: base64,
  params: z.strictObject({
    N: z.number().int().min(2 ** 10).max(2 ** 20),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    keylen: z.number().int().min(16).max(64),
  }),
});

/** One Ogg Opus recording in base64 ("OggS" encodes as "T2dnUw"); a phone number is a few KB. */
const opusBase64 = z.string().max(256 * 1024).regex(/^T2dnU[A-Za-z0-9+/]*={0,2}$/, { message: 'not an Ogg recording in base64' });

/**
 * The places' recordings, by voice language (BCP 47, as the result screen asks: 'fr', 'ar',
 * 'fa-AF'), then by the exact text said (a place's name, address or phone number).
 */
export const placeAudioSchema = z
  .record(
    z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/),
    z.strictObject({
      /** How they were made (espeak-ng version, voice, speed, encoder), as the bundled manifests say. */
      generator: z.string().max(300),
      recordings: z.record(z.string().min(1).max(500), opusBase64),
    }),
  )
  .refine((langs) => Object.keys(langs).length <= 20, { message: 'at most 20 voice languages' });
export type PlaceAudio = z.infer<typeof placeAudioSchema>;

export const unsignedPackSchema = z.strictObject({
  format: z.literal(PACK_FORMAT),
  formatVersion: z.literal(PACK_FORMAT_VERSION),
  pack: z.strictObject({
    id: z.string().regex(/^[0-9a-f]{32}$/),
    /** Grows with each pack (by default the second it was made): an older one is a replay. */
    sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    created: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    issuer: z.string().trim().min(1).max(120),
    description: z.string().trim().max(300),
  }),
  settings: packSettingsSchema,
  directory: directorySchema.optional(),
  /** Settings of one site, by site code (the kiosk applies its own). */
  sites: z
    .record(z.string().regex(/^[A-Z0-9-]{1,16}$/), packSiteSchema)
    .refine((sites) => Object.keys(sites).length <= 500, { message: 'at most 500 sites' })
    .optional(),
  /** A recovery code chosen by the agglomeration (its scrypt hash only), e.g. for a kiosk that lost its identity. */
  staff: z.strictObject({ recoveryCode: secretHashSchema }).optional(),
  placeAudio: placeAudioSchema.optional(),
  signer: z.strictObject({ publicKey: base64 }),
});
export type UnsignedPack = z.infer<typeof unsignedPackSchema>;

export const packSchema = unsignedPackSchema.extend({
  integrity: z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/), signature: base64 }),
});
export type Pack = z.infer<typeof packSchema>;

/** The exact text hashed and signed. */
export function signedPackText(pack: UnsignedPack | Pack): string {
  const { integrity: _integrity, ...unsigned } = pack as Pack;
  return canonicalJson(unsigned);
}

export const publicKeyFileSchema = z.strictObject({
  format: z.literal(PUBLIC_KEY_FORMAT),
  issuer: z.string().trim().min(1).max(120),
  publicKey: base64,
  created: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type PublicKeyFile = z.infer<typeof publicKeyFileSchema>;
