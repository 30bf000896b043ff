/**
 * Opening hours in OpenStreetMap syntax, read by the opening_hours library in the main
 * process and turned into open intervals; "ouvert maintenant" / "prochaine ouverture" from
 * them with the kiosk's clock (local time: the dates below are built in the machine's zone).
 */
import { describe, expect, it } from 'vitest';
import { isOpeningHoursSyntax, scheduleOf, SCHEDULE_DAYS } from '../../electron/services/opening-hours';
import { setupHours } from '../../electron/services/kiosk';
import { defaultSettings } from '../../shared/settings/schema';
import { openingStatus } from '../../shared/opening/status';

// Monday 7 December 2026.
const at = (day: number, hour: number, minute = 0) => new Date(2026, 11, day, hour, minute).getTime();
const HOURS = 'Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00';

describe('reading opening hours', () => {
  it('accepts the national data’s syntax and refuses free text', () => {
    expect(isOpeningHoursSyntax(HOURS)).toBe(true);
    expect(isOpeningHoursSyntax('Tu,Th 14:00-18:00; Sa 09:00-12:00')).toBe(true);
    expect(isOpeningHoursSyntax('24/7')).toBe(true);
    for (const text of ['', 'sur rendez-vous', 'du lundi au vendredi', 'Mo-Fr 25:00-26:00']) expect(isOpeningHoursSyntax(text), text).toBe(false);
  });

  it('gives the open intervals of the next days, merged, from the kiosk clock', () => {
    const schedule = scheduleOf('Mo 09:00-12:00,12:00-14:00', new Date(at(7, 8)));
    expect(schedule?.intervals[0]).toEqual([at(7, 9), at(7, 14)]);
    expect(schedule?.until).toBe(at(7, 8) + SCHEDULE_DAYS * 24 * 3600_000);
    expect(scheduleOf('sur rendez-vous', new Date(at(7, 8)))).toBeNull();
  });
});

describe('open now, next opening', () => {
  const schedule = scheduleOf(HOURS, new Date(at(7, 0)));

  it('open in the morning until noon, closed at lunch until 14:00, closed on Saturday afternoon until Monday 09:00', () => {
    expect(openingStatus(schedule, at(7, 10))).toEqual({ kind: 'open', closesAt: at(7, 12) });
    expect(openingStatus(schedule, at(7, 12))).toEqual({ kind: 'closed', opensAt: at(7, 14) });
    expect(openingStatus(schedule, at(7, 8, 59))).toEqual({ kind: 'closed', opensAt: at(7, 9) });
    expect(openingStatus(schedule, at(12, 13))).toEqual({ kind: 'closed', opensAt: at(14, 9) });
    expect(openingStatus(schedule, at(12, 11, 59))).toEqual({ kind: 'open', closesAt: at(12, 12) });
  });

  it('says nothing when it cannot: no schedule, or one too old', () => {
    expect(openingStatus(null, at(7, 10))).toEqual({ kind: 'unknown' });
    expect(openingStatus(schedule, at(7, 0) + SCHEDULE_DAYS * 24 * 3600_000)).toEqual({ kind: 'unknown' });
  });

  it('the kiosk setup carries the site’s and each place’s schedule (free text gives none)', () => {
    const settings = { ...defaultSettings(), openingHours: 'Mo-Sa 09:00-18:00' };
    settings.directory = [
      { ...settings.directory[0]!, id: 'a', openingHours: HOURS },
      { ...settings.directory[1]!, id: 'b', openingHours: 'sur rendez-vous' },
    ];
    const hours = setupHours(settings, new Date(at(7, 7)));
    expect(openingStatus(hours.site, at(7, 8))).toEqual({ kind: 'closed', opensAt: at(7, 9) });
    expect(Object.keys(hours.places)).toEqual(['a']);
    expect(setupHours(defaultSettings(), new Date(at(7, 7))).site).toBeNull();
  });
});
