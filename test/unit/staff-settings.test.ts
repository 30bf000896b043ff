/**
 * Settings from the staff area: stored in SQLite, validated (a bad value changes nothing),
 * and visible to the citizen flow after a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { defaultSettings } from '../../shared/settings/schema';
import { cleanupKiosks, testKiosk, unlockedKiosk } from './export-fixtures';

afterEach(cleanupKiosks);

describe('staff settings', () => {
  it('has the documented defaults: k = 5, help chime on, no retention setting (the kiosk keeps counts only)', () => {
    expect(defaultSettings()).toMatchObject({ smallCellK: 5, helpChime: true, siteCode: '', siteName: '' });
  });

  it('stores each change in SQLite: it survives a restart and reaches the citizen flow', async () => {
    const kiosk = await testKiosk();
    await unlockedKiosk(kiosk);
    const h = kiosk.services.handlers;
    const help = { helpChime: false, helpChimeVolume: 60, helpChimeRepeatS: 45, helpChimeMaxRings: 3, helpPromise: 'showReception' as const };
    await h['staff:update-settings']({ siteCode: 'LABO', siteName: 'Le Labo', idleDelayS: 120, smallCellK: 7, enabledLanguages: ['fr'], ...help });
    kiosk.reopen();
    expect(kiosk.services.settings.get()).toMatchObject({ siteCode: 'LABO', siteName: 'Le Labo', idleDelayS: 120, smallCellK: 7, ...help });
    expect(kiosk.services.handlers['kiosk:get-setup'](undefined)).toMatchObject({
      siteName: 'Le Labo',
      enabledLanguages: ['fr'],
      idleDelayS: 120,
      help: { chime: false, volume: 60, repeatS: 45, maxRings: 3, promise: 'showReception' },
    });
  });

  it.each([
    ['siteCode', 'labo avec espaces'],
    ['idleDelayS', 5],
    ['warningDelayS', 10],
    ['smallCellK', 2],
    ['smallCellK', 12],
    ['retentionMonths', 0],
    ['enabledLanguages', []],
    ['enabledLanguages', ['xx']],
    ['helpChime', 'yes'],
    ['helpChimeVolume', 200],
    ['helpChimeRepeatS', 0],
    ['helpChimeMaxRings', -1],
    ['helpPromise', 'maybe'],
    ['unknownSetting', 1],
  ])('refuses %s = %j and changes nothing', async (key, value) => {
    const kiosk = await testKiosk();
    await unlockedKiosk(kiosk);
    const before = kiosk.services.settings.get();
    const response = await dispatch(kiosk.services.handlers, true, 'staff:update-settings', { [key]: value });
    expect(response).toMatchObject({ ok: false, error: { code: 'invalidPayload' } });
    expect(kiosk.services.settings.get()).toEqual(before);
  });

  it('adds, edits, reorders and removes help places (validated)', async () => {
    const kiosk = await testKiosk();
    await unlockedKiosk(kiosk);
    const h = kiosk.services.handlers;
    const start = kiosk.services.settings.get().directory;
    const place = { id: 'mediatheque', name: 'Médiathèque', kind: 'other' as const, address: '2 rue X, Cambrai', openingHours: 'Mardi 14 h', phone: '03 27 00 00 00', serves: ['learn' as const] };
    await h['staff:update-settings']({ directory: [place, ...start] });
    expect(kiosk.services.settings.get().directory[0]).toEqual(place);
    await h['staff:update-settings']({ directory: [...start, { ...place, name: 'Médiathèque centrale' }] });
    expect(kiosk.services.settings.get().directory.at(-1)?.name).toBe('Médiathèque centrale');
    await h['staff:update-settings']({ directory: start });
    expect(kiosk.services.settings.get().directory).toEqual(start);
    const bad = await dispatch(h, true, 'staff:update-settings', { directory: [{ ...place, phone: 'call me' }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalidPayload' } });
    expect(kiosk.services.settings.get().directory).toEqual(start);
  });
});

describe('status', () => {
  it('reports sessions since the last export, the last export, free disk space and database size', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(4);
    await unlockedKiosk(kiosk);
    const h = kiosk.services.handlers;
    let overview = await h['staff:overview'](undefined);
    expect(overview).toMatchObject({ sessionsSinceExport: 4, lastExport: null, pendingExport: null, kioskPseudonym: kiosk.services.identity.pseudonym });
    expect(overview.databaseBytes).toBeGreaterThan(4096);
    expect(overview.freeDiskBytes).toBeGreaterThan(0);
    await h['staff:export'](undefined);
    kiosk.addQuickVisits(2);
    overview = await h['staff:overview'](undefined);
    expect(overview).toMatchObject({ sessionsSinceExport: 2, lastExport: { sequence: 1, day: '2026-11-20', sessions: 4 } });
  });

  it('creates the kiosk identity once, at first start', async () => {
    const kiosk = await testKiosk();
    const first = kiosk.services.identity;
    expect(first.pseudonym).toMatch(/^K-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    kiosk.reopen();
    expect(kiosk.services.identity).toEqual(first);
  });
});

describe('quit', () => {
  it('answers false where the shell offers no quit', async () => {
    const kiosk = await testKiosk();
    await unlockedKiosk(kiosk);
    expect(await kiosk.services.handlers['staff:quit'](undefined)).toEqual({ quitting: false });
  });
});
