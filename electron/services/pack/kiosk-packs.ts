/**
 * Configuration packs on a kiosk: reading them from a folder staff pick (a USB stick), showing
 * what would change, applying one in a single transaction, and rolling back to the one before.
 * The agglomeration key the kiosk trusts and the newest sequence applied live in the identity
 * file (so a damaged database keeps old packs refused); the history of applied packs, with the
 * settings each one replaced, in the database's `config_packs` table; the recordings of a pack's
 * places (pack-audio.ts) in `<audioDir>/<pack sha256>.json`, served while that pack is current.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../atomic-file';
import { readLimited } from '../analyst/bundle-file';
import { sameKey } from '../../../shared/key-fingerprint';
import { coarseDay } from '../../../shared/session/day';
import { settingsChanges, settingsWithPack } from '../../../shared/pack/changes';
import { MAX_PACK_BYTES, PACK_FILE_PATTERN, PUBLIC_KEY_FILE, placeAudioSchema, publicKeyFileSchema, type Pack, type PlaceAudio } from '../../../shared/pack/format';
import type { AppliedPack, PackApplyOutcome, PackFileVerdict, PackReadOutcome, PackRecoveryOutcome, PackStatus, PackSummary, TrustOutcome, TrustReadOutcome } from '../../../shared/pack/types';
import { settingsSchema, type Settings } from '../../../shared/settings/schema';
import type { Db } from '../database';
import type { IdentityStore } from '../identity';
import { isOpeningHoursSyntax } from '../opening-hours';
import type { SettingsStore } from '../settings';
import type { StaffAuth } from '../staff-auth';
import { checkPackBytes, type CheckedPack } from './read';
import { isEd25519PublicKey, packKeyFingerprint } from './signing';

export function summarizePack(pack: Pack): PackSummary {
  return {
    sequence: pack.pack.sequence,
    id: pack.pack.id,
    created: pack.pack.created,
    issuer: pack.pack.issuer,
    description: pack.pack.description,
    places: pack.directory ? pack.directory.length : null,
    recoveryCode: pack.staff?.recoveryCode !== undefined,
  };
}

interface PackRow {
  id: number;
  sequence: number;
  sha256: string;
  applied_day: string;
  summary: string;
  settings_before: string;
  status: 'current' | 'previous' | 'rolledBack';
}

export interface KioskPacks {
  status(): PackStatus;
  /** Reads every pack in `folder`; the newest acceptable one is held (by token) for `apply`. */
  readFolder(folder: string): Promise<PackReadOutcome>;
  apply(token: string): PackApplyOutcome;
  rollback(): PackApplyOutcome;
  readTrustFile(folder: string): Promise<TrustReadOutcome>;
  /** Trusts `publicKey`; replacing a key already trusted needs the staff PIN. */
  trust(publicKey: string, currentPin: string | undefined): Promise<TrustOutcome>;
  /** A kiosk that lost its identity: installs the recovery code hash carried by a signed pack. */
  recoveryFromFolder(folder: string): Promise<PackRecoveryOutcome>;
  /** The recordings of the current pack's places, if it carries any. */
  placeAudio(): PlaceAudio | null;
}

export interface KioskPacksOptions {
  db: Db;
  settings: SettingsStore;
  identity: IdentityStore;
  staffAuth: StaffAuth;
  now: () => Date;
  /** Where the recordings of applied packs' places are kept (one file per pack, by its SHA-256). */
  audioDir: string;
}

export function createKioskPacks({ db, settings, identity, staffAuth, now, audioDir }: KioskPacksOptions): KioskPacks {
  const currentRow = db.prepare("SELECT * FROM config_packs WHERE status = 'current'");
  const previousRow = db.prepare("SELECT * FROM config_packs WHERE status = 'previous' ORDER BY id DESC LIMIT 1");
  const setStatus = db.prepare('UPDATE config_packs SET status = ? WHERE id = ?');
  const insert = db.prepare("INSERT INTO config_packs (sequence, sha256, applied_day, summary, settings_before, status) VALUES (?, ?, ?, ?, ?, 'current')");
  /** The pack read last, waiting for staff to apply it. */
  let held: { token: string; pack: Pack; sha256: string; before: string } | null = null;

  const applied = (row: PackRow | undefined): AppliedPack | null => (row ? { ...(JSON.parse(row.summary) as PackSummary), appliedDay: row.applied_day } : null);
  const trustState = () => {
    const packs = identity.get().packs;
    const current = currentRow.get() as PackRow | undefined;
    return { trustedKey: packs.trustedKey, lastSequence: packs.lastSequence, currentSequence: current?.sequence ?? null };
  };

  /** The pack's settings must be usable by this kiosk: the site's hours readable. */
  function usable(check: CheckedPack): CheckedPack {
    if (!check.ok) return check;
    const next = settingsWithPack(settings.get(), check.pack);
    const parsed = settingsSchema.safeParse(next);
    if (!parsed.success) return { ok: false, reason: 'invalidSettings', detail: parsed.error.issues[0]?.message ?? 'invalid' };
    if (next.openingHours !== '' && !isOpeningHoursSyntax(next.openingHours)) return { ok: false, reason: 'invalidSettings', detail: 'openingHours: not in the opening_hours syntax' };
    return check;
  }

  async function packsIn(folder: string): Promise<{ files: PackFileVerdict[]; best: (CheckedPack & { ok: true }) | null }> {
    let names: string[];
    try {
      names = (await readdir(folder)).filter((n) => PACK_FILE_PATTERN.test(n)).sort();
    } catch {
      names = [];
    }
    const files: PackFileVerdict[] = [];
    let best: (CheckedPack & { ok: true }) | null = null;
    const trust = trustState();
    for (const name of names.slice(0, 50)) {
      const read = await readLimited(join(folder, name), MAX_PACK_BYTES);
      const check: CheckedPack = read.ok ? usable(checkPackBytes(read.bytes, trust)) : { ok: false, reason: read.reason === 'tooLarge' ? 'tooLarge' : 'readError', detail: read.detail };
      files.push({ fileName: name, refusal: check.ok ? null : check.reason, detail: check.ok ? '' : check.detail, sequence: check.ok ? check.pack.pack.sequence : null });
      if (check.ok && (best === null || check.pack.pack.sequence > best.pack.pack.sequence)) best = check;
    }
    return { files, best };
  }

  const audioFile = (sha256: string) => join(audioDir, `${sha256}.json`);
  /** The recordings of the pack served now, read once per pack. */
  let audioCache: { sha256: string; audio: PlaceAudio | null } | null = null;
  const kept = db.prepare("SELECT sha256 FROM config_packs WHERE status IN ('current', 'previous')").pluck();

  /** Written before the pack's row: a pack is never current without its recordings. */
  function storeAudio(pack: Pack, sha256: string): void {
    if (!pack.placeAudio) return;
    mkdirSync(audioDir, { recursive: true });
    writeFileAtomicSync(audioFile(sha256), JSON.stringify(pack.placeAudio), 0o644);
  }

  /** Recordings of packs a rollback can no longer reach are deleted. */
  function pruneAudio(): void {
    const keep = new Set((kept.all() as string[]).map((sha) => `${sha}.json`));
    let names: string[];
    try {
      names = readdirSync(audioDir);
    } catch {
      return;
    }
    for (const name of names) if (/^[0-9a-f]{64}\.json$/.test(name) && !keep.has(name)) rmSync(join(audioDir, name), { force: true });
  }

  const rememberSequence = (sequence: number) => {
    if (sequence > identity.get().packs.lastSequence) {
      identity.update((d) => {
        d.packs.lastSequence = sequence;
      });
    }
  };

  return {
    status() {
      const packs = identity.get().packs;
      const current = currentRow.get() as PackRow | undefined;
      return {
        trustedKeyFingerprint: packs.trustedKey ? packKeyFingerprint(packs.trustedKey) : null,
        current: applied(current),
        previous: applied(previousRow.get() as PackRow | undefined),
        canRollBack: current !== undefined,
        lastSequence: packs.lastSequence,
      };
    },

    async readFolder(folder) {
      held = null;
      const { files, best } = await packsIn(folder);
      if (!best) {
        const refusal = files.find((f) => f.refusal !== null)?.refusal;
        return { ok: false, reason: refusal ?? 'noPackFound', files };
      }
      const before = settings.get();
      const changes = settingsChanges(before, settingsWithPack(before, best.pack));
      const token = randomBytes(16).toString('hex');
      held = { token, pack: best.pack, sha256: best.sha256, before: JSON.stringify(before) };
      return { ok: true, token, pack: summarizePack(best.pack), changes, files };
    },

    apply(token) {
      if (!held || held.token !== token) return { ok: false, reason: 'unknownToken' };
      const { pack, sha256, before } = held;
      const current = settings.get();
      // Staff (or another pack) changed the settings between reading and applying: read again.
      if (JSON.stringify(current) !== before) {
        held = null;
        return { ok: false, reason: 'changedMeanwhile' };
      }
      const next = settingsWithPack(current, pack);
      storeAudio(pack, sha256);
      try {
        // One transaction: the settings, the directory and the history row, or nothing.
        db.transaction(() => {
          const old = currentRow.get() as PackRow | undefined;
          if (old) setStatus.run('previous', old.id);
          insert.run(pack.pack.sequence, sha256, coarseDay(now()), JSON.stringify(summarizePack(pack)), before);
          settings.update(next);
        })();
      } catch {
        return { ok: false, reason: 'invalidSettings' };
      }
      held = null;
      pruneAudio();
      rememberSequence(pack.pack.sequence);
      if (pack.staff?.recoveryCode) staffAuth.installRecoveryCodeHash(pack.staff.recoveryCode);
      return { ok: true, sequence: pack.pack.sequence, changes: settingsChanges(current, settings.get()) };
    },

    rollback() {
      const current = currentRow.get() as PackRow | undefined;
      if (!current) return { ok: false, reason: 'nothingToRollBack' };
      const before = settings.get();
      const restored = settingsSchema.safeParse(JSON.parse(current.settings_before));
      if (!restored.success) return { ok: false, reason: 'invalidSettings' };
      const previous = previousRow.get() as PackRow | undefined;
      db.transaction(() => {
        setStatus.run('rolledBack', current.id);
        if (previous) setStatus.run('current', previous.id);
        settings.update(restored.data as Settings);
      })();
      held = null;
      return { ok: true, sequence: previous?.sequence ?? null, changes: settingsChanges(before, settings.get()) };
    },

    async readTrustFile(folder) {
      const read = await readLimited(join(folder, PUBLIC_KEY_FILE), 64 * 1024);
      if (!read.ok) return { ok: false, reason: read.reason === 'readError' ? 'noKeyFile' : 'invalidKeyFile' };
      let parsed;
      try {
        parsed = publicKeyFileSchema.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(read.bytes)));
      } catch {
        return { ok: false, reason: 'invalidKeyFile' };
      }
      if (!parsed.success || !isEd25519PublicKey(parsed.data.publicKey)) return { ok: false, reason: 'invalidKeyFile' };
      const trusted = identity.get().packs.trustedKey;
      return {
        ok: true,
        publicKey: parsed.data.publicKey,
        fingerprint: packKeyFingerprint(parsed.data.publicKey),
        issuer: parsed.data.issuer,
        replaces: trusted !== null && !sameKey(trusted, parsed.data.publicKey) ? packKeyFingerprint(trusted) : null,
      };
    },

    async trust(publicKey, currentPin) {
      if (!isEd25519PublicKey(publicKey)) return { ok: false, reason: 'invalidKey' };
      const trusted = identity.get().packs.trustedKey;
      if (trusted !== null && !sameKey(trusted, publicKey)) {
        if (currentPin === undefined) return { ok: false, reason: 'pinRequired' };
        const check = await staffAuth.confirmPin(currentPin);
        if (!check.ok) return { ok: false, reason: check.reason === 'lockedOut' ? 'lockedOut' : 'wrongPin' };
      }
      identity.update((d) => {
        d.packs.trustedKey = publicKey;
      });
      return { ok: true, fingerprint: packKeyFingerprint(publicKey) };
    },

    placeAudio() {
      const current = currentRow.get() as PackRow | undefined;
      if (!current) return null;
      if (audioCache?.sha256 !== current.sha256) {
        let audio: PlaceAudio | null = null;
        try {
          const parsed = placeAudioSchema.safeParse(JSON.parse(readFileSync(audioFile(current.sha256), 'utf8')));
          audio = parsed.success ? parsed.data : null;
        } catch {
          // The pack carried no recordings (or the file was lost): the kiosk's local voice says its places.
        }
        audioCache = { sha256: current.sha256, audio };
      }
      return audioCache.audio;
    },

    async recoveryFromFolder(folder) {
      if (!identity.get().staff.recoveryRequired) return { ok: false, reason: 'notRequired' };
      const { files, best } = await packsInForRecovery(folder);
      if (!best) return { ok: false, reason: files.find((f) => f.refusal !== null)?.refusal ?? 'noPackFound' };
      if (!best.pack.staff?.recoveryCode) return { ok: false, reason: 'noRecoveryCodeInPack' };
      staffAuth.installRecoveryCodeHash(best.pack.staff.recoveryCode);
      rememberSequence(best.pack.pack.sequence);
      return { ok: true, sequence: best.pack.pack.sequence };
    },
  };

  /** For recovery only the recovery code is taken from the pack: "already applied" does not matter. */
  async function packsInForRecovery(folder: string) {
    const { files, best } = await packsIn(folder);
    if (best) return { files, best };
    const applied = files.filter((f) => f.refusal === 'alreadyApplied');
    if (applied.length === 0) return { files, best: null };
    for (const { fileName: name } of applied) {
      const read = await readLimited(join(folder, name), MAX_PACK_BYTES);
      if (!read.ok) continue;
      const check = checkPackBytes(read.bytes, { ...trustState(), currentSequence: null });
      if (check.ok) return { files, best: check };
    }
    return { files, best: null };
  }
}
