/**
 * Orientation worked examples, written from the ordered rule table of docs/frameworks.md §6 and the
 * brief: disability → L'ADAPT, procedure → France Services / Aidants Connect, equipment →
 * Pass numérique, language, security, learn; priority order, no duplicate need, at most 3
 * steps, places chosen among what the directory holds, fallback to "learn".
 */
import { describe, expect, it } from 'vitest';
import { HELP_KINDS, HELP_NEEDS, directorySchema, type HelpNeed, type HelpPlace } from '../../shared/orientation/directory';
import { DEFAULT_DIRECTORY } from '../../shared/orientation/default-directory';
import { FALLBACK_NEED, MAX_RECOMMENDATIONS, ORIENTATION_RULES, needsOf, recommend } from '../../shared/orientation/rules';
import { AUTONOMY_TASKS, questionnaire } from '../../shared/questionnaire/definition';
import { MISSING_CODES, type AnswerValue, type Answers } from '../../shared/questionnaire/schema';
import { scoreSession } from '../../shared/scoring';
import fr from '../../shared/i18n/locales/fr/result.json';
import en from '../../shared/i18n/locales/en/result.json';

/**
 * A person with basic skills in every area, every task done alone, nothing to learn, no
 * barrier and no procedure coming: no rule holds for them.
 */
const QUIET: Record<string, AnswerValue> = {
  internetUse: 'EVERY_DAY',
  actInformation: ['NEWS'],
  actCommunication: ['EMAIL'],
  actContent: ['WORD_PROCESSING'],
  actSafety: ['LIMIT_LOCATION'],
  actProblemSolving: ['BANKING'],
  ...Object.fromEntries(AUTONOMY_TASKS.map((t) => [t, 'ALONE'])),
  wantsToLearn: ['NOTHING'],
  barriers: ['NONE'],
  procedureSoon: 'NO',
};

function person(extra: Record<string, AnswerValue> = {}): Answers {
  return { ...QUIET, ...extra };
}

function steps(answers: Answers, directory: readonly HelpPlace[] = DEFAULT_DIRECTORY) {
  return recommend(scoreSession(answers, {}), answers, directory);
}

function place(id: string, serves: HelpNeed[], kind: HelpPlace['kind'] = 'other'): HelpPlace {
  return { id, name: id, kind, address: '', openingHours: '', phone: '', serves };
}

describe('orientation rules on the default directory', () => {
  it('the quiet person triggers no rule, so falls back to learning at Le Labo', () => {
    const answers = person();
    expect(needsOf(scoreSession(answers, {}), answers)).toEqual([]);
    expect(steps(answers)).toEqual([{ need: 'learn', placeId: 'le-labo' }]);
  });

  it('disability → L\'ADAPT first', () => {
    const r = steps(person({ barriers: ['DISABILITY', 'TIME'], wantsToLearn: ['EMAIL'] }));
    expect(r[0]).toEqual({ need: 'disability', placeId: 'ladapt-cambrai' });
    expect(r).toEqual([
      { need: 'disability', placeId: 'ladapt-cambrai' },
      { need: 'learn', placeId: 'le-labo' },
    ]);
  });

  it('a procedure coming soon → France Services', () => {
    expect(steps(person({ procedureSoon: 'YES' }))).toEqual([{ need: 'procedure', placeId: 'france-services' }]);
  });

  it.each(['WITH_HELP', 'CANNOT'])('online procedures done %s → procedure', (level) => {
    expect(steps(person({ taskProcedure: level }))[0]).toEqual({ need: 'procedure', placeId: 'france-services' });
  });

  it('procedures done alone and none coming → no procedure step', () => {
    const answers = person({ taskProcedure: 'ALONE', procedureSoon: 'NO' });
    expect(needsOf(scoreSession(answers, {}), answers)).not.toContain('procedure');
    const dk = person({ taskProcedure: 'DK', procedureSoon: 'DK' });
    expect(needsOf(scoreSession(dk, {}), dk)).not.toContain('procedure');
  });

  it.each([['EQUIPMENT'], ['COST']])('barrier %s → equipment (Pass numérique)', (barrier) => {
    expect(steps(person({ barriers: [barrier] }))).toEqual([{ need: 'equipment', placeId: 'pass-numerique' }]);
  });

  it('language barrier → language (centre social)', () => {
    expect(steps(person({ barriers: ['LANGUAGE'] }))).toEqual([{ need: 'language', placeId: 'centre-social' }]);
  });

  it.each([
    ['wants to learn safety', { wantsToLearn: ['SAFETY'] }],
    ['fears fraud', { barriers: ['FEAR_FRAUD'] }],
  ])('%s → security', (_label, extra) => {
    expect(steps(person(extra))[0]).toEqual({ need: 'security', placeId: 'le-labo' });
  });

  it('wanting to learn anything but "nothing" → learn', () => {
    expect(steps(person({ wantsToLearn: ['VIDEO_CALLS'] }))).toEqual([{ need: 'learn', placeId: 'le-labo' }]);
  });

  it('"don\'t know" or "refused" to what to learn is not a wish to learn', () => {
    for (const code of MISSING_CODES) {
      const answers = person({ wantsToLearn: code });
      expect(needsOf(scoreSession(answers, {}), answers)).toEqual([]);
    }
  });

  it('illectronisme alone → learn', () => {
    const answers = person({ internetUse: 'NOT_IN_3_MONTHS', everUsedInternet: 'NEVER' });
    expect(needsOf(scoreSession(answers, {}), answers)).toEqual(['learn']);
  });

  it.each([
    ['guided', { taskWifi: 'WITH_HELP' }],
    ['doneForMe', Object.fromEntries(AUTONOMY_TASKS.map((t) => [t, 'CANNOT']))],
  ])('profile %s → learn', (profile, extra) => {
    const answers = person(extra);
    const scores = scoreSession(answers, {});
    expect(scores.autonomy.profile).toBe(profile);
    expect(needsOf(scores, answers)).toContain('learn');
  });

  it('keeps at most 3 steps, in rule order', () => {
    const answers = person({
      barriers: ['LANGUAGE', 'FEAR_FRAUD', 'COST', 'DISABILITY'],
      wantsToLearn: ['SAFETY', 'EMAIL'],
      procedureSoon: 'YES',
    });
    expect(needsOf(scoreSession(answers, {}), answers)).toEqual(['disability', 'procedure', 'equipment', 'language', 'security', 'learn']);
    expect(steps(answers)).toEqual([
      { need: 'disability', placeId: 'ladapt-cambrai' },
      { need: 'procedure', placeId: 'france-services' },
      { need: 'equipment', placeId: 'pass-numerique' },
    ]);
  });

  it('a need reached by two rules appears once', () => {
    const answers = person({ wantsToLearn: ['SAFETY'], barriers: ['FEAR_FRAUD'], procedureSoon: 'YES', taskProcedure: 'CANNOT' });
    expect(needsOf(scoreSession(answers, {}), answers)).toEqual(['procedure', 'security', 'learn']);
    expect(steps(answers)).toEqual([
      { need: 'procedure', placeId: 'france-services' },
      { need: 'security', placeId: 'le-labo' },
      { need: 'learn', placeId: 'centre-social' },
    ]);
  });

  it('never offers the same place twice', () => {
    const r = steps(person({ wantsToLearn: ['SAFETY', 'EMAIL'], barriers: ['LANGUAGE'] }));
    expect(new Set(r.map((x) => x.placeId)).size).toBe(r.length);
    expect(r).toEqual([
      { need: 'language', placeId: 'centre-social' },
      { need: 'security', placeId: 'le-labo' },
      { need: 'learn', placeId: 'conseillers-numeriques' },
    ]);
  });

  it('is deterministic and leaves the directory untouched', () => {
    const directory = structuredClone(DEFAULT_DIRECTORY);
    const answers = person({ barriers: ['COST', 'LANGUAGE'], wantsToLearn: ['PHOTOS'] });
    expect(steps(answers, directory)).toEqual(steps(answers, directory));
    expect(directory).toEqual(DEFAULT_DIRECTORY);
  });
});

describe('orientation picks among what the directory holds', () => {
  it('an empty directory gives no step', () => {
    expect(steps(person({ barriers: ['DISABILITY'], procedureSoon: 'YES' }), [])).toEqual([]);
    expect(steps(person(), [])).toEqual([]);
  });

  it('uses the places of a custom directory, in its order', () => {
    const a = place('atelier-a', ['learn']);
    const b = place('atelier-b', ['learn']);
    const answers = person({ wantsToLearn: ['EMAIL'] });
    expect(steps(answers, [a, b])).toEqual([{ need: 'learn', placeId: 'atelier-a' }]);
    expect(steps(answers, [b, a])).toEqual([{ need: 'learn', placeId: 'atelier-b' }]);
  });

  it('skips a need no place serves and moves on to the next', () => {
    const directory = [place('mairie', ['procedure']), place('asso', ['learn'])];
    expect(steps(person({ barriers: ['DISABILITY', 'COST'], procedureSoon: 'YES', wantsToLearn: ['EMAIL'] }), directory)).toEqual([
      { need: 'procedure', placeId: 'mairie' },
      { need: 'learn', placeId: 'asso' },
    ]);
  });

  it('a place already picked is not picked again for a later need', () => {
    const directory = [place('tout-en-un', ['security', 'learn'])];
    expect(steps(person({ wantsToLearn: ['SAFETY', 'EMAIL'] }), directory)).toEqual([{ need: 'security', placeId: 'tout-en-un' }]);
  });

  it('falls back to learning when no rule reaches a place', () => {
    const directory = [place('only-learn', ['learn'])];
    // The disability rule holds, but nothing here serves it.
    expect(steps(person({ barriers: ['DISABILITY'] }), directory)).toEqual([{ need: 'learn', placeId: 'only-learn' }]);
    expect(FALLBACK_NEED).toBe('learn');
  });

  it('gives no step when even learning is served nowhere', () => {
    expect(steps(person(), [place('procedures-only', ['procedure'])])).toEqual([]);
  });

  it('never gives more than 3 steps whatever the directory', () => {
    const directory = HELP_NEEDS.map((need) => place(`p-${need}`, [...HELP_NEEDS]));
    const r = steps(person({ barriers: ['DISABILITY', 'COST', 'LANGUAGE', 'FEAR_FRAUD'], procedureSoon: 'YES', wantsToLearn: ['EMAIL'] }), directory);
    expect(r).toHaveLength(MAX_RECOMMENDATIONS);
    expect(MAX_RECOMMENDATIONS).toBe(3);
  });
});

describe('orientation rule table', () => {
  it('is ordered disability, procedure, equipment, language, security, learn', () => {
    expect(ORIENTATION_RULES.map((r) => r.need)).toEqual(['disability', 'procedure', 'equipment', 'language', 'security', 'learn']);
  });

  it('only mentions questions and answer codes that exist', () => {
    for (const rule of ORIENTATION_RULES) {
      for (const c of rule.anyOf) {
        if (c.kind === 'answerIncludes' || c.kind === 'answerIncludesOtherThan') {
          const q = questionnaire.questions.find((x) => x.id === c.question);
          expect(q, c.question).toBeDefined();
          if (q && q.kind !== 'exercise') {
            const known = [...q.options.map((o) => o.code), ...MISSING_CODES];
            for (const code of c.codes) expect(known, `${c.question} ${code}`).toContain(code);
          }
        }
        if (c.kind === 'autonomyTaskIn') expect(AUTONOMY_TASKS as readonly string[]).toContain(c.task);
      }
    }
  });
});

describe('default directory (Cambrai)', () => {
  it('passes directorySchema', () => {
    expect(directorySchema.safeParse(DEFAULT_DIRECTORY).success).toBe(true);
  });

  it('has unique ids and holds every kind of help docs/frameworks.md §6 names', () => {
    expect(new Set(DEFAULT_DIRECTORY.map((p) => p.id)).size).toBe(DEFAULT_DIRECTORY.length);
    const kinds = new Set(DEFAULT_DIRECTORY.map((p) => p.kind));
    for (const kind of ['labo', 'centreSocial', 'franceServices', 'conseillerNumerique', 'adapt', 'aidantsConnect', 'passNumerique'] as const) {
      expect(kinds.has(kind), kind).toBe(true);
    }
  });

  it('serves every need, so every rule can lead somewhere', () => {
    for (const need of HELP_NEEDS) expect(DEFAULT_DIRECTORY.some((p) => p.serves.includes(need)), need).toBe(true);
  });

  it('sends disability to L\'ADAPT and learning first to Le Labo', () => {
    expect(DEFAULT_DIRECTORY.find((p) => p.serves.includes('disability'))?.kind).toBe('adapt');
    expect(DEFAULT_DIRECTORY.find((p) => p.serves.includes('learn'))?.kind).toBe('labo');
  });
});

describe('help texts', () => {
  const texts = [fr, en] as const;
  it('name every need and every kind of help, in French and English', () => {
    for (const t of texts) {
      const need: Record<string, string> = t.result.need;
      const kind: Record<string, string> = t.result.kind;
      expect(Object.keys(need).sort()).toEqual([...HELP_NEEDS].sort());
      expect(Object.keys(kind).sort()).toEqual([...HELP_KINDS].sort());
      for (const v of [...Object.values(need), ...Object.values(kind)]) expect(v.trim()).not.toBe('');
    }
  });
});
