/**
 * The day's hours said in full on the result (shared/opening/day-hours.ts): the sentence of
 * each locale, with times written the way its voice says them; the same sentence from the
 * kiosk's i18next and from the raw texts the recordings are made from (so a recording made with
 * a pack is found by the result screen); the day's ranges from a schedule; and the sentences a
 * pack records for a place with OpenStreetMap hours.
 */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../shared/i18n/languages';
import { numberFormatter } from '../../shared/i18n/numbers';
import { TEXTS } from '../../shared/i18n/resources';
import { comeBackSentence, dayHoursSentence, dayRanges, type DayRange } from '../../shared/opening/day-hours';
import { comeBackTexts, dayHoursTexts, textPhrase } from '../../electron/services/audio/place-recordings';
import type { HelpPlace } from '../../shared/orientation/directory';
import { DEFAULT_DIRECTORY } from '../../shared/orientation/default-directory';

const MORNING_AND_AFTERNOON: DayRange[] = [
  { from: 9 * 60, to: 12 * 60 },
  { from: 14 * 60 + 30, to: 17 * 60 },
];

describe("the day's hours in every locale", () => {
  const expected: Record<Language, [string, string, string]> = {
    fr: ["Ouvert aujourd'hui de 9 heures à 12 heures et de 14 heures 30 à 17 heures.", "Ouvert toute la journée aujourd'hui.", "Fermé aujourd'hui."],
    'fr-x-falc': ["Ouvert aujourd'hui de 9 heures à 12 heures et de 14 heures 30 à 17 heures.", 'Ouvert toute la journée.', "Fermé aujourd'hui."],
    ar: ['مفتوح اليوم من الساعة 9 إلى الساعة 12 ومن الساعة 14:30 إلى الساعة 17.', 'مفتوح طوال اليوم.', 'مغلق اليوم.'],
    en: ['Open today from 9 am to 12 pm and from 2:30 pm to 5 pm.', 'Open all day today.', 'Closed today.'],
    uk: ['Сьогодні відчинено з 9 до 12 і з 14:30 до 17.', 'Сьогодні відчинено цілий день.', 'Сьогодні зачинено.'],
    tr: ['Bugün saat 9 ile 12 arası ve saat 14:30 ile 17 arası açık.', 'Bugün gün boyu açık.', 'Bugün kapalı.'],
    // Persian digits, and "and 30 minutes": a voice reads "۱۴:۳۰" as "14 colon 30".
    'fa-AF': ['امروز از ساعت ۹ تا ۱۲ و از ساعت ۱۴ و ۳۰ دقیقه تا ۱۷ باز است.', 'امروز تمام روز باز است.', 'امروز بسته است.'],
  };
  for (const language of LANGUAGES) {
    it(`${language}: each range, open all day, closed`, () => {
      const t = textPhrase(language);
      expect([dayHoursSentence(MORNING_AND_AFTERNOON, language, t), dayHoursSentence([{ from: 0, to: 24 * 60 }], language, t), dayHoursSentence([], language, t)]).toEqual(expected[language]);
    });
  }

  it('French says "heures", never "h" (a voice reads "9 h" as "neuf ache")', () => {
    expect(dayHoursSentence([{ from: 8 * 60 + 5, to: 13 * 60 }], 'fr', textPhrase('fr'))).toBe("Ouvert aujourd'hui de 8 heures 05 à 13 heures.");
  });

  it('the closed screen says the day and the time the same way: "Revenez mardi 9 heures"', () => {
    const tuesday = new Date(2026, 11, 8, 9, 0).getTime();
    const halfPast = new Date(2026, 11, 8, 14, 30).getTime();
    const said = Object.fromEntries(LANGUAGES.map((l) => [l, [comeBackSentence(tuesday, l, textPhrase(l)), comeBackSentence(halfPast, l, textPhrase(l))]]));
    expect(said).toEqual({
      fr: ['Revenez mardi 9 heures.', 'Revenez mardi 14 heures 30.'],
      'fr-x-falc': ['Revenez mardi 9 heures.', 'Revenez mardi 14 heures 30.'],
      ar: ['عُد الثلاثاء 9.', 'عُد الثلاثاء 14:30.'],
      en: ['Come back Tuesday 9 am.', 'Come back Tuesday 2:30 pm.'],
      uk: ['Поверніться вівторок 9.', 'Поверніться вівторок 14:30.'],
      tr: ['Salı 9 tekrar gelin.', 'Salı 14:30 tekrar gelin.'],
      'fa-AF': ['سه‌شنبه ۹ دوباره بیایید.', 'سه‌شنبه ۱۴ و ۳۰ دقیقه دوباره بیایید.'],
    });
  });

  it("is the same text from the kiosk's i18next as from the texts the recordings are made from", async () => {
    const kiosk = i18next.createInstance();
    await kiosk.use(numberFormatter).init({
      resources: Object.fromEntries(Object.entries(TEXTS).map(([lng, tree]) => [lng, { translation: tree }])),
      lng: 'fr',
      interpolation: { escapeValue: false, alwaysFormat: true },
    });
    for (const language of LANGUAGES) {
      const t = (key: string, values?: Record<string, string>) => kiosk.t(key, { ...values, lng: language });
      expect(dayHoursSentence(MORNING_AND_AFTERNOON, language, t)).toBe(dayHoursSentence(MORNING_AND_AFTERNOON, language, textPhrase(language)));
      const opensAt = new Date(2026, 11, 8, 14, 30).getTime();
      expect(comeBackSentence(opensAt, language, t)).toBe(comeBackSentence(opensAt, language, textPhrase(language)));
    }
  });
});

describe("the day's ranges", () => {
  const at = (day: number, hour: number, minute = 0) => new Date(2026, 11, day, hour, minute).getTime();
  it('are the whole local day that contains now, in minutes, a night opening cut at midnight', () => {
    const schedule = { intervals: [[at(7, 22), at(8, 2)], [at(8, 9), at(8, 12)], [at(8, 14, 30), at(8, 17)], [at(9, 10), at(9, 11)]] as [number, number][], until: at(20, 0) };
    expect(dayRanges(schedule, at(8, 16))).toEqual([
      { from: 0, to: 120 },
      { from: 540, to: 720 },
      { from: 870, to: 1020 },
    ]);
    expect(dayRanges(schedule, at(9, 8))).toEqual([{ from: 600, to: 660 }]);
    expect(dayRanges({ intervals: [[at(7, 0), at(10, 0)]], until: at(20, 0) }, at(8, 16))).toEqual([{ from: 0, to: 1440 }]);
    expect(dayRanges(schedule, at(21, 12))).toBeNull();
    expect(dayRanges(null, at(8, 12))).toBeNull();
  });
});

describe('what a pack records of a place with OpenStreetMap hours', () => {
  it("one sentence per different day and language: the days open and the days closed", () => {
    const place: HelpPlace = { ...DEFAULT_DIRECTORY[0]!, openingHours: 'Mo-Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00' };
    const texts = dayHoursTexts([place, { ...place, id: 'no-hours', openingHours: 'sur rendez-vous' }], ['fr', 'ar'], new Date(2026, 11, 7, 15));
    expect([...(texts.get('fr') ?? [])].sort()).toEqual(["Fermé aujourd'hui.", "Ouvert aujourd'hui de 10 heures à 12 heures.", "Ouvert aujourd'hui de 9 heures à 12 heures et de 14 heures à 17 heures."]);
    expect(texts.get('ar')?.size).toBe(3);
  });

  it("and of a site's hours: the closed screen's sentence for each opening of the week", () => {
    const texts = comeBackTexts(['Mo-Fr 09:00-12:00,14:00-17:00'], ['fr'], new Date(2026, 11, 7, 15));
    expect([...(texts.get('fr') ?? [])].sort()).toEqual(
      ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'].flatMap((day) => [`Revenez ${day} 9 heures.`, `Revenez ${day} 14 heures.`]).sort(),
    );
  });
});
