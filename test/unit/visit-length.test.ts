/**
 * How long a visit is (issue 17, point 6), measured by scripts/visit/length.ts on the real
 * questionnaire and the real audio files: the README's figures, the privacy screen's promise
 * of a duration, the progress bar along every path, and the limits on listening time.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../shared/i18n/languages';
import { TEXTS, flattenTexts } from '../../shared/i18n/resources';
import { questionnaire } from '../../shared/questionnaire/definition';
import { visibleQuestions } from '../../shared/questionnaire/engine';
import { allVisits, progress } from '../../shared/questionnaire/paths';
import { languageDurations, opusSeconds } from '../../scripts/visit/durations';
import { visitLength, visitMinutes, type VisitLength } from '../../scripts/visit/length';
import { questionSpeech, sameAnswersAs } from '../../renderer/src/audio/scripts';
import { languagePace, syllablesIn } from '../../scripts/visit/pace';

const AUDIO_DIR = fileURLToPath(new URL('../../assets/audio', import.meta.url));
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const lengths = Object.fromEntries(LANGUAGES.map((l) => [l, visitLength(questionnaire, languageDurations(AUDIO_DIR, l))])) as Record<Language, VisitLength>;
const minutes = (s: number) => (s / 60).toFixed(1);

describe('the length of a visit', () => {
  it('reads an Ogg Opus file\'s length from its last granule position, less the pre-skip', () => {
    const bytes = readFileSync(`${AUDIO_DIR}/fr/privacy.title.opus`);
    // ffprobe says 1.242 s (it keeps the 312 pre-skip samples, 6.5 ms); one more second is 48,000 samples.
    expect(opusSeconds(bytes)).toBeCloseTo(1.236, 3);
    const longer = Buffer.from(bytes);
    const last = longer.lastIndexOf('OggS');
    longer.writeBigInt64LE(longer.readBigInt64LE(last + 6) + 48_000n, last + 6);
    expect(opusSeconds(longer) - opusSeconds(bytes)).toBeCloseTo(1, 6);
  });

  it('takes the shortest path through "no internet" and the longest through every activity and exercise', () => {
    const { shortest, longest } = lengths.fr;
    expect(shortest.questions).toContain('everUsedInternet');
    expect(shortest.questions).not.toContain('exTap');
    expect(longest.questions).toEqual(expect.arrayContaining(['internetUseCheck', 'actInformation', 'exTap', 'exSecureSite']));
    expect(longest.taps).toBeGreaterThan(shortest.taps);
    for (const l of LANGUAGES) expect(lengths[l].longest.audioSeconds).toBeGreaterThan(lengths[l].shortest.audioSeconds);
  });

  it('never moves the progress bar backwards along any path', () => {
    const visits = allVisits(questionnaire);
    expect(visits.length).toBeGreaterThan(3);
    for (const { questions, answers } of visits) {
      expect(visibleQuestions(questionnaire, answers).map((q) => q.id)).toEqual(questions.map((q) => q.id));
      const steps = questions.map((q) => progress(questionnaire, answers, q.id));
      steps.forEach((step, i) => expect(step.position).toBe(i + 1));
      for (let i = 1; i < steps.length; i++) {
        const [before, now] = [steps[i - 1]!, steps[i]!];
        expect(now.position / now.total, `${questions[i]!.id} after ${questions[i - 1]!.id}`).toBeGreaterThan(before.position / before.total);
      }
      expect(steps.at(-1)).toEqual({ position: questions.length, total: questions.length });
    }
  });

  it('says the answers of an item-by-item screen once, in its instruction, in every language', () => {
    const rows = questionnaire.questions.filter((q) => q.kind === 'items');
    expect(rows.length).toBeGreaterThan(0);
    for (const l of LANGUAGES) {
      const texts = flattenTexts(TEXTS[l] ?? {});
      const instruction = texts['question.chooseEachRow'] ?? '';
      for (const q of rows) {
        const keys = questionSpeech(q).map((item) => ('key' in item ? item.key : ''));
        expect(keys, q.id).toContain('question.chooseEachRow');
        for (const option of q.scale) {
          expect(keys).not.toContain(option.media.audio);
          expect(instruction, `${l} ${q.id}`).toContain(texts[option.label]);
        }
        expect(instruction, l).toContain(texts['question.dontKnow']);
      }
    }
  });

  it('says « Je ne sais pas » and « Je préfère ne pas répondre » on the first screen of each run of screens that offer them', () => {
    let skipped = 0;
    for (const { questions } of allVisits(questionnaire)) {
      questions.forEach((q, i) => {
        if ((q.kind !== 'single' && q.kind !== 'multiple') || !q.allowMissing) return;
        const previous = questions[i - 1];
        const keys = questionSpeech(q, previous).map((item) => ('key' in item ? item.key : ''));
        const runGoesOn = previous?.kind === q.kind && previous.allowMissing === true && q.id !== 'commune';
        if (runGoesOn) skipped++;
        for (const key of ['question.dontKnow', 'question.refused']) {
          if (runGoesOn) expect(keys, `${q.id} after ${previous.id}`).not.toContain(key);
          else expect(keys, `${q.id} after ${previous?.id ?? 'nothing'}`).toContain(key);
        }
      });
    }
    expect(skipped).toBeGreaterThan(0);
  });

  it('says the answers of a screen only when they differ from the screen before, which shows the same texts in every language', () => {
    let same = 0;
    for (const { questions } of allVisits(questionnaire)) {
      questions.forEach((q, i) => {
        const previous = questions[i - 1];
        const keys = questionSpeech(q, previous).map((item) => ('key' in item ? item.key : ''));
        expect(keys[0], q.id).toBe(q.media.audio);
        if (!previous || !sameAnswersAs(q, previous) || q.kind !== 'single' || previous.kind !== 'single') {
          // The first screen of the visit, and any screen answered differently, says all its answers.
          // (The commune screen says its communes by groups: test/e2e/audio.test.ts listens to it.)
          if ((q.kind === 'single' && q.id !== 'commune') || q.kind === 'multiple') for (const o of q.options) expect(keys, q.id).toContain(o.media.audio);
          if (!previous) expect(keys).toContain('question.chooseOne');
          return;
        }
        same++;
        expect(keys, q.id).not.toContain('question.chooseOne');
        for (const l of LANGUAGES) {
          const texts = flattenTexts(TEXTS[l] ?? {});
          expect(q.options.map((o) => texts[o.label]), `${l}: ${q.id} after ${previous.id}`).toEqual(previous.options.map((o) => texts[o.label]));
        }
      });
    }
    expect(same).toBeGreaterThan(0);
    const [taskUnlock, taskWifi] = ['taskUnlock', 'taskWifi'].map((id) => questionnaire.questions.find((q) => q.id === id));
    expect(sameAnswersAs(taskWifi!, taskUnlock)).toBe(true);
    expect(sameAnswersAs(taskUnlock!, undefined)).toBe(false);
  });

  it('stays within the issue\'s limits: longest path ≤ 10 min of audio in French, ≤ 12 in FALC and Arabic', () => {
    expect(lengths.fr.longest.audioSeconds / 60).toBeLessThanOrEqual(10);
    expect(lengths['fr-x-falc'].longest.audioSeconds / 60).toBeLessThanOrEqual(12);
    expect(lengths.ar.longest.audioSeconds / 60).toBeLessThanOrEqual(12);
  });

  // One espeak-ng run per language: about 0.3 s idle, more when the machine is busy.
  it('is heard no faster than French in FALC and Arabic (syllables per second of the shipped files)', { timeout: 20_000 }, () => {
    // "Bonjour" /bɔ̃ʒˈuːɾ/: two vowel groups; Arabic "مرحبا" /mˈarħaba/: three.
    expect(syllablesIn('bɔ̃ʒˈuːɾ')).toBe(2);
    expect(syllablesIn('mˈarħaba')).toBe(3);
    const pace = Object.fromEntries((['fr', 'fr-x-falc', 'ar'] as const).map((l) => [l, languagePace(AUDIO_DIR, l, languageDurations(AUDIO_DIR, l))]));
    const [fr, falc, ar] = [pace.fr!, pace['fr-x-falc']!, pace.ar!];
    expect(fr.speed).toBe(145);
    expect(falc.syllablesPerSecond).toBeLessThan(fr.syllablesPerSecond);
    // Arabic is set faster in words per minute than French, and still heard slower.
    expect(ar.speed).toBeGreaterThan(fr.speed);
    expect(ar.syllablesPerSecond).toBeLessThan(fr.syllablesPerSecond);
    expect(ar.syllablesPerSecond).toBeLessThanOrEqual(falc.syllablesPerSecond);
    const f = (p: { syllablesPerSecond: number }) => p.syllablesPerSecond.toFixed(1);
    expect(readme.replace(/\s+/g, ' ')).toContain(`Arabic is heard at ${f(ar)} syllables per second, FALC at ${f(falc)} and French at ${f(fr)}`);
  });

  // The next test pins the measured figures in the README (Accessibility), so a change of
  // path length shows in the README and this file together.
  it('is written in the README as the script prints it (npm run visit-length)', () => {
    for (const l of ['fr', 'fr-x-falc', 'ar'] as const) {
      const { shortest, longest } = lengths[l];
      expect(readme).toContain(`| ${l} | ${shortest.taps} taps, ${minutes(shortest.audioSeconds)} min | ${longest.taps} taps, ${minutes(longest.audioSeconds)} min |`);
    }
  });

  it('is promised on the privacy screen as a range that holds in every language, taps included', () => {
    for (const l of LANGUAGES) {
      const text = flattenTexts(TEXTS[l] ?? {})['privacy.duration'] ?? '';
      // Persian digits in Dari; the two numbers are the range's ends.
      const numbers = [...text.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0)).matchAll(/\d+/g)].map((m) => Number(m[0]));
      expect(numbers, `${l}: ${text}`).toHaveLength(2);
      const [low, high] = numbers as [number, number];
      expect(low, `${l}: ${text}`).toBeLessThanOrEqual(visitMinutes(lengths[l].shortest));
      expect(high, `${l}: ${text}`).toBeGreaterThanOrEqual(visitMinutes(lengths[l].longest));
    }
  });
});
