/**
 * Signed configuration packs, end to end through the real command line and the real kiosk
 * services and IPC gate: `reperes pack keygen` and `reperes pack --places` from a file in the
 * national format; a kiosk that trusts the agglomeration key reads the pack from a folder (the
 * USB stick), shows what changes, applies it in one transaction — and its next steps change —
 * then rolls back. Forged, foreign-signed, unsigned, older and malformed packs are refused
 * with their reason and change nothing (the database's content checksum and the identity
 * file stay exactly as they were).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli/reperes';
import { dispatch } from '../../electron/services/dispatch';
import { identityFileFor } from '../../electron/services/identity';
import { createKioskServices, KIOSK_DATABASE_FILE, type KioskServices } from '../../electron/services/kiosk';
import { generateAgglomerationKey, packSha256, serializePack, signPack } from '../../electron/services/pack/signing';
import { signedPackText, type Pack } from '../../shared/pack/format';
import { createAppRequestHandler } from '../../electron/protocol';
import { packAudioReader } from '../../electron/services/pack/pack-audio';
import type { AudioManifest } from '../../shared/i18n/spoken-keys';
import type { PackReadOutcome } from '../../shared/pack/types';
import { contentChecksum } from '../harness/analyst-fixtures';
import { repoRoot } from '../harness/repo-root';
import { completedRecord } from '../fixtures/records';
import { AUTONOMY_TASKS } from '../../shared/questionnaire/definition';
import { FAST_SCRYPT } from './export-fixtures';
import { recordVisits } from '../harness/visit-recorder';
import type { SessionFacts } from '../../shared/export/tables';

// The kiosk's app:// protocol answers the place recordings; its module imports Electron.
vi.mock('electron', async () => (await import('../electron/electron-behaviour')).electronFake);

const PIN = '246813';
const PLACES = join(repoRoot(), 'test/fixtures/mediation-numerique/lieux-cambrai-exemple.csv');
const root = mkdtempSync(join(tmpdir(), 'reperes-packs-'));
const keyDir = join(root, 'agglomeration');
const stick = join(root, 'usb');
const opened: KioskServices[] = [];
let pack1: Pack;
let pack2: Pack;
/** A key that is not the agglomeration's. */
const other = generateAgglomerationKey();

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  expect((await cli(['pack', 'keygen', '--out', keyDir])).code).toBe(0);
  const settingsFile = join(root, 'settings.json');
  writeFileSync(settingsFile, JSON.stringify({ idleDelayS: 120, enabledLanguages: ['fr', 'ar', 'en'], sites: { LABO: { openingHours: 'Mo-Fr 09:00-18:00' } } }));
  const made = await cli(['pack', '--key', join(keyDir, 'reperes-cle-agglomeration-PRIVEE.json'), '--places', PLACES, '--settings', settingsFile, '--sequence', '100', '--description', 'Lieux de médiation numérique, décembre', '--no-audio', '--out', join(root, 'made')]);
  expect(made.code, made.err).toBe(0);
  expect(made.out).toContain('place audio: not recorded (--no-audio): kiosks say these places with their own local voice');
  expect(made.out).toContain('places: 5 kept of 7 rows');
  expect(made.out).toContain('ignored columns: colonne_inconnue');
  pack1 = JSON.parse(readFileSync(join(root, 'made', 'reperes-paquet-100.json'), 'utf8')) as Pack;
  const second = await cli(['pack', '--key', join(keyDir, 'reperes-cle-agglomeration-PRIVEE.json'), '--settings', settingsFile, '--sequence', '200', '--out', join(root, 'made')]);
  expect(second.code, second.err).toBe(0);
  pack2 = JSON.parse(readFileSync(join(root, 'made', 'reperes-paquet-200.json'), 'utf8')) as Pack;
});
afterAll(() => {
  for (const s of opened) if (s.db.open) s.close();
  rmSync(root, { recursive: true, force: true });
});

function kiosk(): { services: KioskServices; dir: string; reopen(): KioskServices } {
  const dir = mkdtempSync(join(root, 'kiosk-'));
  const make = () => {
    const services = createKioskServices({ userDataDir: dir, mode: 'kiosk', scrypt: FAST_SCRYPT, backups: false, chooseExportFolder: async () => stick });
    opened.push(services);
    return services;
  };
  return { services: make(), dir, reopen: make };
}

const call = (services: KioskServices, channel: string, payload?: unknown) => dispatch(services.handlers, true, channel, payload);
async function value<T>(services: KioskServices, channel: string, payload?: unknown): Promise<T> {
  const r = await call(services, channel, payload);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.value as T;
}

/** A stick holding exactly these files. */
function putOnStick(files: Record<string, string | Uint8Array>): void {
  rmSync(stick, { recursive: true, force: true });
  mkdirSync(stick, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(stick, name), content);
}

async function installedKiosk() {
  const k = kiosk();
  watchVisits(k.services);
  await value(k.services, 'staff:set-first-pin', { pin: PIN });
  await value(k.services, 'staff:update-settings', { siteCode: 'LABO', siteName: 'Le Labo' });
  putOnStick({ 'reperes-cle-agglomeration.json': readFileSync(join(keyDir, 'reperes-cle-agglomeration.json')) });
  const read = await value<{ ok: true; publicKey: string; fingerprint: string }>(k.services, 'staff:pack-trust-read');
  expect(read.ok).toBe(true);
  expect(await value(k.services, 'staff:pack-trust', { publicKey: read.publicKey })).toEqual({ ok: true, fingerprint: read.fingerprint });
  return k;
}

/** The person of the brief: chose Arabic, cannot do procedures online and has one coming. */
function arabicProcedure() {
  return completedRecord({
    language: 'ar',
    answers: {
      ...completedRecord().answers,
      ...Object.fromEntries(AUTONOMY_TASKS.map((t) => [t, 'ALONE'])),
      taskProcedure: 'CANNOT',
      procedureSoon: 'YES',
      barriers: ['NONE'],
      wantsToLearn: ['NOTHING'],
    },
  });
}

/** What the kiosk derived from each visit it counted (the kiosk itself keeps counts only). */
const recorded = new WeakMap<KioskServices, SessionFacts[]>();

function lastRecommendations(services: KioskServices): string[] {
  const visits = recorded.get(services);
  if (!visits) throw new Error('call watchVisits(services) first');
  return ((visits.at(-1)?.recommendations ?? []) as unknown as { placeId: string }[]).map((r) => r.placeId);
}

function watchVisits(services: KioskServices): void {
  recorded.set(services, recordVisits(services));
}

function snapshot(services: KioskServices, dir: string) {
  return { db: contentChecksum(services.db), identity: readFileSync(identityFileFor(join(dir, KIOSK_DATABASE_FILE)), 'utf8'), settings: services.settings.get() };
}

describe('a pack made by `reperes pack` from a national-format file', () => {
  it('is shown, applied in one go, and changes the kiosk’s next steps', async () => {
    const { services } = await installedKiosk();
    await value(services, 'session:save', arabicProcedure());
    const before = lastRecommendations(services);
    expect(before[0]).toBe('france-services');

    putOnStick({ 'reperes-paquet-100.json': serializePack(pack1) });
    const read = await value<PackReadOutcome>(services, 'staff:pack-read');
    if (!read.ok) throw new Error(read.reason);
    expect(read.pack).toMatchObject({ sequence: 100, places: 5, description: 'Lieux de médiation numérique, décembre', issuer: "Communauté d'Agglomération de Cambrai" });
    expect(read.changes.map((c) => c.key)).toEqual(['enabledLanguages', 'idleDelayS', 'directory', 'openingHours']);
    expect(read.changes.find((c) => c.key === 'directory')).toMatchObject({ added: expect.arrayContaining(['EXEMPLE Centre social des langues']), removed: expect.arrayContaining(['Le Labo']) });
    // Nothing changed yet.
    expect(services.settings.get().idleDelayS).toBe(90);

    expect(await value(services, 'staff:pack-apply', { token: read.token })).toMatchObject({ ok: true, sequence: 100 });
    const setup = await value<{ directory: { id: string }[]; idleDelayS: number; hours: { site: unknown; places: Record<string, unknown> } }>(services, 'kiosk:get-setup');
    expect(setup.idleDelayS).toBe(120);
    expect(setup.directory.map((p) => p.id)).toContain('mn-exemple-3');
    // The site's own hours (sites.LABO) and the places' hours reach the citizen screens.
    expect(setup.hours.site).not.toBeNull();
    expect(Object.keys(setup.hours.places)).toContain('mn-exemple-3');

    await value(services, 'session:save', arabicProcedure());
    expect(lastRecommendations(services)[0]).toBe('mn-exemple-3');
    expect(await value(services, 'staff:packs')).toMatchObject({ current: { sequence: 100 }, previous: null, canRollBack: true, lastSequence: 100 });
  });

  it('rolls back to the pack before, then to the settings before any pack; an older pack is then still refused', async () => {
    const k = await installedKiosk();
    const { services } = k;
    const original = services.settings.get();
    putOnStick({ 'reperes-paquet-100.json': serializePack(pack1) });
    await value(services, 'staff:pack-apply', { token: (await value<PackReadOutcome & { ok: true }>(services, 'staff:pack-read')).token });
    const afterFirst = services.settings.get();
    // Both packs on the stick: the newest is the one offered.
    putOnStick({ 'reperes-paquet-100.json': serializePack(pack1), 'reperes-paquet-200.json': serializePack(pack2) });
    const read2 = await value<PackReadOutcome & { ok: true }>(services, 'staff:pack-read');
    expect(read2.pack.sequence).toBe(200);
    expect(read2.files.map((f) => [f.fileName, f.refusal])).toEqual([
      ['reperes-paquet-100.json', 'alreadyApplied'],
      ['reperes-paquet-200.json', null],
    ]);
    await value(services, 'staff:pack-apply', { token: read2.token });
    expect(await value(services, 'staff:packs')).toMatchObject({ current: { sequence: 200 }, previous: { sequence: 100 } });

    expect(await value(services, 'staff:pack-rollback')).toMatchObject({ ok: true, sequence: 100 });
    expect(services.settings.get()).toEqual(afterFirst);
    expect(await value(services, 'staff:pack-rollback')).toMatchObject({ ok: true, sequence: null });
    expect(services.settings.get()).toEqual(original);
    expect(await value(services, 'staff:pack-rollback')).toEqual({ ok: false, reason: 'nothingToRollBack' });
    // Pack 100 is older than pack 200, applied once: a replay, even after the rollbacks.
    putOnStick({ 'reperes-paquet-100.json': serializePack(pack1) });
    expect(await value(services, 'staff:pack-read')).toMatchObject({ ok: false, reason: 'older' });
    // Pack 200 again is fine: it was rolled back, not replaced.
    putOnStick({ 'reperes-paquet-200.json': serializePack(pack2) });
    expect(await value(services, 'staff:pack-read')).toMatchObject({ ok: true, pack: { sequence: 200 } });
  });
});

describe('a pack that carries its places’ recordings', () => {
  let withAudio: Pack;
  let place: NonNullable<Pack['directory']>[number];
  beforeAll(async () => {
    // One place, two languages: every text of it recorded once per voice that says it.
    place = { ...pack1.directory!.find((p) => p.address && p.phone)!, openingHours: 'Mo-Fr 09:00-17:00' };
    const settingsFile = join(root, 'audio-settings.json');
    writeFileSync(settingsFile, JSON.stringify({ enabledLanguages: ['fr', 'ar'], directory: [place], sites: { LABO: { openingHours: 'Mo 09:00-12:00' } } }));
    const made = await cli(['pack', '--key', join(keyDir, 'reperes-cle-agglomeration-PRIVEE.json'), '--settings', settingsFile, '--sequence', '300', '--out', join(root, 'audio')]);
    expect(made.code, made.err).toBe(0);
    // Name, address, the phone in each voice, the days' hours (open on weekdays, closed at the
    // weekend) in each, and the closed screen's "Revenez lundi 9 heures" of the site in each.
    expect(made.out).toContain('place audio: 10 recordings in 2 voices (fr, ar), signed with the pack');
    withAudio = JSON.parse(readFileSync(join(root, 'audio', 'reperes-paquet-300.json'), 'utf8')) as Pack;
  });

  it("holds one Ogg recording per text and voice: name and address in French, the phone number and the day's hours in each language", () => {
    const audio = withAudio.placeAudio!;
    expect(Object.keys(audio).sort()).toEqual(['ar', 'fr']);
    expect(Object.keys(audio.fr!.recordings).sort()).toEqual([place.address, place.name, place.phone, "Ouvert aujourd'hui de 9 heures à 17 heures.", "Fermé aujourd'hui.", 'Revenez lundi 9 heures.'].sort());
    expect(Object.keys(audio.ar!.recordings).sort()).toEqual([place.phone, 'مفتوح اليوم من الساعة 9 إلى الساعة 17.', 'مغلق اليوم.', 'عُد الاثنين 9.'].sort());
    expect(audio.ar!.generator).toMatch(/^espeak-ng \S+ voice ar /);
    for (const voice of Object.values(audio)) {
      for (const base64 of Object.values(voice.recordings)) expect(Buffer.from(base64, 'base64').subarray(0, 4).toString('latin1')).toBe('OggS');
    }
  });

  it('is applied, and the kiosk serves its recordings where the result screen asks for place audio; a rollback takes them back', async () => {
    const { services } = await installedKiosk();
    const serve = createAppRequestHandler(join(repoRoot(), 'assets'), packAudioReader(join(repoRoot(), 'assets'), () => services.packs.placeAudio(), readFile));
    const manifest = async (lang: string) => (await (await serve(new Request(`app://reperes/audio/places/${lang}/manifest.json`))).json()) as AudioManifest;
    expect((await manifest('ar'))[place.phone]).toBeUndefined();

    putOnStick({ 'reperes-paquet-300.json': serializePack(withAudio) });
    await value(services, 'staff:pack-apply', { token: (await value<PackReadOutcome & { ok: true }>(services, 'staff:pack-read')).token });
    const ar = await manifest('ar');
    const fr = await manifest('fr');
    // The bundled directory's places stay listed beside the pack's.
    expect(Object.keys(fr)).toContain('Le Labo');
    expect(fr[place.name]?.generator).toBe(withAudio.placeAudio!.fr!.generator);
    const file = await serve(new Request(`app://reperes/audio/places/ar/${ar[place.phone]!.file}`));
    expect(file.headers.get('Content-Type')).toBe('audio/ogg');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(Buffer.from(withAudio.placeAudio!.ar!.recordings[place.phone]!, 'base64'));

    expect(await value(services, 'staff:pack-rollback')).toMatchObject({ ok: true, sequence: null });
    expect((await manifest('ar'))[place.phone]).toBeUndefined();
  });

  it('a recording swapped in the file is refused, even with the hash made again', async () => {
    const { services } = await installedKiosk();
    const swapped = structuredClone(withAudio);
    const fr = swapped.placeAudio!.fr!.recordings;
    fr[place.name] = fr[place.address!]!;
    putOnStick({ 'reperes-paquet-300.json': serializePack(swapped) });
    expect(await value(services, 'staff:pack-read')).toMatchObject({ ok: false, reason: 'hashMismatch' });
    putOnStick({ 'reperes-paquet-300.json': serializePack({ ...swapped, integrity: { ...swapped.integrity, sha256: packSha256(swapped) } }) });
    expect(await value(services, 'staff:pack-read')).toMatchObject({ ok: false, reason: 'badSignature' });
    expect(services.packs.placeAudio()).toBeNull();
  });

  it('says so when espeak-ng and opusenc are not on PATH, and the pack carries no recordings', async () => {
    const path = process.env.PATH;
    process.env.PATH = join(root, 'no-tools');
    try {
      const made = await cli(['pack', '--key', join(keyDir, 'reperes-cle-agglomeration-PRIVEE.json'), '--settings', join(root, 'audio-settings.json'), '--sequence', '301', '--out', join(root, 'audio')]);
      expect(made.code, made.err).toBe(0);
      expect(made.out).toContain('place audio: not recorded (espeak-ng and opusenc not found on PATH; Debian: apt-get install -y espeak-ng opus-tools)');
    } finally {
      process.env.PATH = path;
    }
    expect((JSON.parse(readFileSync(join(root, 'audio', 'reperes-paquet-301.json'), 'utf8')) as Pack).placeAudio).toBeUndefined();
  });
});

describe('packs that must change nothing', () => {
  const resign = (pack: Pack, privateKey: string, changes: (p: Pack) => void = () => undefined): Pack => {
    const { integrity: _i, ...unsigned } = structuredClone(pack);
    changes(unsigned as Pack);
    return signPack(unsigned, privateKey);
  };
  const cases: [string, () => string | Uint8Array, string][] = [
    ['signed with a foreign key (and claiming it)', () => serializePack(resign(pack1, other.privateKey, (p) => (p.signer.publicKey = other.publicKey))), 'untrustedKey'],
    ['signed with a foreign key (claiming the agglomeration’s)', () => serializePack(resign(pack1, other.privateKey)), 'badSignature'],
    ['a place renamed after signing', () => serializePack({ ...pack1, directory: pack1.directory?.map((p, i) => (i === 0 ? { ...p, name: 'Arnaque' } : p)) }), 'hashMismatch'],
    [
      'a place renamed, the hash recomputed, the signature kept',
      () => {
        const forged = structuredClone(pack1);
        forged.directory = forged.directory?.map((p, i) => (i === 0 ? { ...p, phone: '08 99 00 00 00' } : p));
        forged.integrity.sha256 = packSha256(forged);
        return serializePack(forged);
      },
      'badSignature',
    ],
    ['unsigned', () => JSON.stringify({ ...pack1, integrity: undefined }), 'unsigned'],
    ['truncated', () => serializePack(pack1).slice(0, 500), 'notJson'],
    ['not UTF-8', () => new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'invalidUtf8'],
    ['a prototype key', () => serializePack(pack1).replace('"settings": {', '"settings": {"__proto__": {"x": 1},'), 'forbiddenKey'],
    ['an unknown setting', () => serializePack(pack1).replace('"settings": {', '"settings": {"adminMode": true,'), 'schema'],
    ['a help chime at 500 % (signed)', () => serializePack(resign(pack1, other.privateKey, (p) => (p.settings = { ...p.settings, helpChimeVolume: 500 }))), 'schema'],
    ['a site help promise the kiosk does not know (signed)', () => serializePack(resign(pack1, other.privateKey, (p) => (p.sites = { LABO: { helpPromise: 'maybe' as never } }))), 'schema'],
    ['another format', () => JSON.stringify({ ...pack1, format: 'reperes-aggregates' }), 'unknownFormat'],
    ['a later format version', () => JSON.stringify({ ...pack1, formatVersion: 2 }), 'unsupportedFormatVersion'],
    ['empty', () => '', 'empty'],
  ];

  it.each(cases)('%s: refused with its reason, nothing changed', async (_name, make, reason) => {
    const k = await installedKiosk();
    const bytes = make();
    putOnStick({ 'reperes-paquet-100.json': bytes });
    const before = snapshot(k.services, k.dir);
    const read = await value<PackReadOutcome>(k.services, 'staff:pack-read');
    expect(read).toMatchObject({ ok: false, reason });
    expect(read.files[0]).toMatchObject({ fileName: 'reperes-paquet-100.json', refusal: reason });
    expect(snapshot(k.services, k.dir)).toEqual(before);
  });

  it('a kiosk that trusts no key refuses every pack', async () => {
    const k = kiosk();
    await value(k.services, 'staff:set-first-pin', { pin: PIN });
    putOnStick({ 'reperes-paquet-100.json': serializePack(pack1) });
    expect(await value(k.services, 'staff:pack-read')).toMatchObject({ ok: false, reason: 'noTrustedKey' });
  });

  it('a token from an earlier read, or a guessed one, applies nothing', async () => {
    const k = await installedKiosk();
    const before = snapshot(k.services, k.dir);
    expect(await value(k.services, 'staff:pack-apply', { token: '0'.repeat(32) })).toEqual({ ok: false, reason: 'unknownToken' });
    expect(snapshot(k.services, k.dir)).toEqual(before);
  });

  it('replacing the trusted key needs the staff PIN', async () => {
    const k = await installedKiosk();
    expect(await value(k.services, 'staff:pack-trust', { publicKey: other.publicKey })).toEqual({ ok: false, reason: 'pinRequired' });
    expect(await value(k.services, 'staff:pack-trust', { publicKey: other.publicKey, currentPin: '000000' })).toEqual({ ok: false, reason: 'wrongPin' });
    expect(await value(k.services, 'staff:pack-trust', { publicKey: other.publicKey, currentPin: PIN })).toMatchObject({ ok: true });
  });

  it('every pack channel but the recovery one is closed while the staff area is locked', async () => {
    const k = await installedKiosk();
    await value(k.services, 'staff:lock');
    for (const channel of ['staff:packs', 'staff:pack-read', 'staff:pack-rollback', 'staff:pack-trust-read']) {
      expect(await call(k.services, channel), channel).toEqual({ ok: false, error: { code: 'staffLocked' } });
    }
    expect(await call(k.services, 'staff:pack-apply', { token: 'a'.repeat(32) })).toEqual({ ok: false, error: { code: 'staffLocked' } });
    // Not lost: the recovery route answers "not required" without opening a dialog.
    expect(await value(k.services, 'staff:recover-with-pack')).toEqual({ ok: false, reason: 'notRequired' });
  });
});

describe('packs and a damaged or lost identity', () => {
  it('a damaged visits database keeps the trusted key and the replay guard (in the identity file)', async () => {
    const k = await installedKiosk();
    putOnStick({ 'reperes-paquet-200.json': serializePack(pack2) });
    await value(k.services, 'staff:pack-apply', { token: (await value<PackReadOutcome & { ok: true }>(k.services, 'staff:pack-read')).token });
    k.services.close();
    writeFileSync(join(k.dir, KIOSK_DATABASE_FILE), 'abîmé'.repeat(500));
    const after = k.reopen();
    expect(after.recovery).not.toBeNull();
    await value(after, 'staff:unlock', { pin: PIN });
    // The settings are lost with the database, not the trust: the newest pack can be applied again, an older one not.
    putOnStick({ 'reperes-paquet-100.json': serializePack(pack1) });
    expect(await value(after, 'staff:pack-read')).toMatchObject({ ok: false, reason: 'older' });
    putOnStick({ 'reperes-paquet-200.json': serializePack(pack2) });
    expect(await value(after, 'staff:pack-read')).toMatchObject({ ok: true, pack: { sequence: 200 } });
  });

  it('a kiosk that lost its identity takes a recovery code from a signed pack, then opens with it', async () => {
    const k = await installedKiosk();
    k.services.close();
    rmSync(identityFileFor(join(k.dir, KIOSK_DATABASE_FILE)));
    // The database mirror still knows the trusted key; its own recovery code was forgotten here.
    const lost = k.reopen();
    lost.db.prepare('UPDATE kiosk_installation SET recovery_code = NULL').run();
    lost.identityStore.update((d) => {
      d.staff.recoveryCode = null;
    });
    expect(lost.identityOrigin).toBe('lost');
    const made = await cli(['pack', '--key', join(keyDir, 'reperes-cle-agglomeration-PRIVEE.json'), '--recovery-code', '--sequence', '300', '--out', join(root, 'recovery')]);
    const code = /recovery code in this pack: ([0-9A-Z-]{19})/.exec(made.out)?.[1] ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    // A pack signed by another key does nothing.
    putOnStick({ 'reperes-paquet-300.json': serializePack(signPack({ ...structuredClone(JSON.parse(readFileSync(join(root, 'recovery', 'reperes-paquet-300.json'), 'utf8')) as Pack), signer: { publicKey: other.publicKey } } as Pack, other.privateKey)) });
    expect(await value(lost, 'staff:recover-with-pack')).toMatchObject({ ok: false, reason: 'untrustedKey' });
    expect(await value(lost, 'staff:recover', { code })).toEqual({ ok: false, reason: 'noRecoveryCode' });
    cpSync(join(root, 'recovery', 'reperes-paquet-300.json'), join(stick, 'reperes-paquet-300.json'));
    expect(await value(lost, 'staff:recover-with-pack')).toEqual({ ok: true, sequence: 300 });
    expect(await value(lost, 'staff:recover', { code })).toEqual({ ok: true });
    expect(await value(lost, 'staff:reset-pin', { newPin: '864200' })).toMatchObject({ ok: true });
  });
});

it('the signed text is the canonical JSON without `integrity`, and a file lists on the stick by its sequence', () => {
  expect(signedPackText(pack1)).not.toContain('integrity');
  expect(readdirSync(join(root, 'made')).sort()).toEqual(['reperes-paquet-100.json', 'reperes-paquet-200.json']);
});
