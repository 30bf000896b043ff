/**
 * Repères' diagnostic questionnaire, version 1. Pure data, validated by
 * `questionnaireSchema` in the tests. Text keys follow one convention so that translators,
 * the audio generator and the tests can find them:
 *   section.<section>.title · q.<question>.label · q.<question>.hint · q.<question>.opt.<CODE>
 * Commune names are proper nouns, not translated: their key is `commune.<INSEE code>`.
 *
 * Sources of the items: docs/frameworks.md (Eurostat DSI 2.0 activities with their survey
 * variables, INSEE's internet-use gate and age bands, the mediators' autonomy scale).
 */
import communes from './communes.generated.json';
import type { AnswerOption, Condition, Question, Questionnaire, Section } from './schema';

type QuestionInput = {
  id: string;
  section: string;
  pictogram: string;
  hint?: boolean;
  showIf?: Condition;
  allowMissing?: boolean;
};

function option(questionId: string, code: string, pictogram: string, exclusive = false): AnswerOption {
  const label = `q.${questionId}.opt.${code}`;
  return { code, label, media: { audio: label, pictogram }, ...(exclusive ? { exclusive: true } : {}) };
}

function base(input: QuestionInput) {
  const label = `q.${input.id}.label`;
  return {
    id: input.id,
    section: input.section,
    label,
    ...(input.hint ? { hint: `q.${input.id}.hint` } : {}),
    media: { audio: label, pictogram: input.pictogram },
    ...(input.showIf ? { showIf: input.showIf } : {}),
    allowMissing: input.allowMissing ?? true,
  };
}

function single(input: QuestionInput, options: [string, string][]): Question {
  return { ...base(input), kind: 'single', options: options.map(([code, picto]) => option(input.id, code, picto)) };
}

/** A "tick all that apply" question; its last option is the exclusive "none of these". */
function multiple(input: QuestionInput, options: [string, string][], none: [string, string]): Question {
  return {
    ...base(input),
    kind: 'multiple',
    options: [...options.map(([code, picto]) => option(input.id, code, picto)), option(input.id, none[0], none[1], true)],
  };
}

function section(id: string, pictogram: string): Section {
  return { id, title: `section.${id}.title`, media: { audio: `section.${id}.title`, pictogram } };
}

const YES_NO: [string, string][] = [
  ['YES', 'yes'],
  ['NO', 'no'],
];

/** The three levels digital mediators record (La Coop de la médiation numérique). */
const AUTONOMY_SCALE: [string, string][] = [
  ['ALONE', 'person-alone'],
  ['WITH_HELP', 'people-helping'],
  ['CANNOT', 'hand-stop'],
];

/** INSEE's gate: no internet use in the last 3 months means no activity questions. */
export const USED_INTERNET: Condition = { op: 'notIn', question: 'internetUse', codes: ['NOT_IN_3_MONTHS'] };
const WANTS_EXERCISES: Condition = { op: 'equals', question: 'exercisesIntro', code: 'YES' };

export const AUTONOMY_TASKS = [
  'taskUnlock',
  'taskWifi',
  'taskBrowser',
  'taskPassword',
  'taskEmail',
  'taskVideoCall',
  'taskProcedure',
  'taskAppointment',
] as const;

const autonomyPictograms: Record<(typeof AUTONOMY_TASKS)[number], string> = {
  taskUnlock: 'unlock',
  taskWifi: 'wifi',
  taskBrowser: 'globe',
  taskPassword: 'key',
  taskEmail: 'email',
  taskVideoCall: 'video-call',
  taskProcedure: 'document',
  taskAppointment: 'calendar',
};

export const questionnaire: Questionnaire = {
  id: 'reperes-diagnostic',
  version: '1.0.0',
  sections: [
    section('profile', 'person'),
    section('access', 'smartphone'),
    section('activities', 'globe'),
    section('autonomy', 'person-alone'),
    section('exercises', 'hand-tap'),
    section('needs', 'light-bulb'),
  ],
  questions: [
    // 1. Anonymous profile: INSEE age bands, commune of residence, accompaniment.
    single({ id: 'ageBand', section: 'profile', pictogram: 'age' }, [
      ['A15_24', 'age-young'],
      ['A25_39', 'age-adult'],
      ['A40_59', 'age-adult'],
      ['A60_74', 'age-older'],
      ['A75_PLUS', 'age-older'],
    ]),
    {
      ...base({ id: 'commune', section: 'profile', pictogram: 'home', hint: true }),
      kind: 'single',
      options: [
        ...communes.map((c) => ({
          code: `C${c.code}`,
          label: `commune.${c.code}`,
          media: { audio: `commune.${c.code}`, pictogram: 'home' },
        })),
        option('commune', 'OUTSIDE', 'map'),
      ],
    },
    single({ id: 'accompanied', section: 'profile', pictogram: 'people-helping' }, [
      ['ALONE', 'person-alone'],
      ['PROFESSIONAL', 'mediator'],
      ['RELATIVE', 'family'],
    ]),

    // 2. Access and equipment; internet use in the last 3 months is INSEE's gate.
    single({ id: 'smartphone', section: 'access', pictogram: 'smartphone' }, YES_NO),
    single({ id: 'computer', section: 'access', pictogram: 'computer', hint: true }, YES_NO),
    single({ id: 'homeInternet', section: 'access', pictogram: 'wifi' }, YES_NO),
    single({ id: 'internetUse', section: 'access', pictogram: 'globe' }, [
      ['EVERY_DAY', 'calendar-day'],
      ['EVERY_WEEK', 'calendar-week'],
      ['LESS_OFTEN', 'calendar'],
      ['NOT_IN_3_MONTHS', 'no'],
    ]),
    single(
      { id: 'everUsedInternet', section: 'access', pictogram: 'globe', showIf: { op: 'equals', question: 'internetUse', code: 'NOT_IN_3_MONTHS' } },
      [
        ['YES_BEFORE', 'yes'],
        ['NEVER', 'no'],
      ],
    ),

    // 3. Eurostat DSI 2.0 activities of the last 3 months, one question per area.
    multiple(
      { id: 'actInformation', section: 'activities', pictogram: 'magnifier', hint: true, showIf: USED_INTERNET },
      [
        ['GOODS_INFO', 'shopping'],
        ['HEALTH_INFO', 'health'],
        ['NEWS', 'newspaper'],
        ['CHECKED_TRUE', 'magnifier'],
      ],
      ['NONE', 'no'],
    ),
    multiple(
      { id: 'actCommunication', section: 'activities', pictogram: 'speech', hint: true, showIf: USED_INTERNET },
      [
        ['EMAIL', 'email'],
        ['CALLS', 'video-call'],
        ['MESSAGING', 'speech'],
        ['SOCIAL_NETWORKS', 'people'],
        ['OPINIONS', 'megaphone'],
        ['CONSULTATION_VOTE', 'ballot'],
      ],
      ['NONE', 'no'],
    ),
    multiple(
      { id: 'actContent', section: 'activities', pictogram: 'pencil', hint: true, showIf: USED_INTERNET },
      [
        ['WORD_PROCESSING', 'document'],
        ['SPREADSHEET', 'table'],
        ['EDIT_MEDIA', 'camera'],
        ['COPY_FILES', 'folder'],
        ['COMBINED_DOCUMENT', 'presentation'],
        ['SPREADSHEET_ADVANCED', 'chart'],
        ['PROGRAMMING', 'code'],
      ],
      ['NONE', 'no'],
    ),
    multiple(
      { id: 'actSafety', section: 'activities', pictogram: 'shield', hint: true, showIf: USED_INTERNET },
      [
        ['READ_PRIVACY_POLICY', 'document'],
        ['LIMIT_LOCATION', 'location'],
        ['LIMIT_PROFILE', 'lock'],
        ['REFUSE_ADS_DATA', 'hand-stop'],
        ['CHECK_SECURE_SITE', 'lock'],
        ['COOKIE_SETTINGS', 'settings'],
      ],
      ['NONE', 'no'],
    ),
    multiple(
      { id: 'actProblemSolving', section: 'activities', pictogram: 'tools', hint: true, showIf: USED_INTERNET },
      [
        ['INSTALL_APPS', 'download'],
        ['CHANGE_SETTINGS', 'settings'],
        ['BUY_ONLINE', 'shopping'],
        ['SELL_ONLINE', 'money'],
        ['LEARN_ONLINE', 'graduation'],
        ['BANKING', 'bank'],
        ['JOB_SEARCH', 'briefcase'],
      ],
      ['NONE', 'no'],
    ),

    // 4. Everyday autonomy tasks on the mediators' three-level scale.
    ...AUTONOMY_TASKS.map((id) => single({ id, section: 'autonomy', pictogram: autonomyPictograms[id] }, AUTONOMY_SCALE)),

    // 5. Optional practical exercises: asked first, each skippable, never required.
    single({ id: 'exercisesIntro', section: 'exercises', pictogram: 'hand-tap', hint: true, allowMissing: false }, YES_NO),
    ...(
      [
        ['exTap', 'tap', 'hand-tap'],
        ['exScroll', 'scroll', 'scroll'],
        ['exType', 'type', 'keyboard'],
        ['exPhishing', 'phishing', 'warning'],
        ['exSecureSite', 'secureSite', 'lock'],
      ] as const
    ).map(
      ([id, exercise, pictogram]): Question => ({
        ...base({ id, section: 'exercises', pictogram, hint: true, showIf: WANTS_EXERCISES, allowMissing: false }),
        kind: 'exercise',
        exercise,
      }),
    ),

    // 6. Needs and barriers, which drive the orientation to local help.
    multiple(
      { id: 'wantsToLearn', section: 'needs', pictogram: 'light-bulb', hint: true },
      [
        ['DEVICE_BASICS', 'smartphone'],
        ['EMAIL', 'email'],
        ['VIDEO_CALLS', 'video-call'],
        ['PROCEDURES', 'document'],
        ['APPOINTMENTS', 'calendar'],
        ['SAFETY', 'shield'],
        ['PHOTOS', 'camera'],
        ['JOB_SEARCH', 'briefcase'],
      ],
      ['NOTHING', 'no'],
    ),
    multiple(
      { id: 'barriers', section: 'needs', pictogram: 'barrier', hint: true },
      [
        ['EQUIPMENT', 'computer'],
        ['COST', 'money'],
        ['LANGUAGE', 'languages'],
        ['DISABILITY', 'accessibility'],
        ['FEAR_FRAUD', 'warning'],
        ['FEAR_BREAKING', 'broken'],
        ['TIME', 'clock'],
        ['NOBODY_TO_ASK', 'person-alone'],
      ],
      ['NONE', 'yes'],
    ),
    single({ id: 'procedureSoon', section: 'needs', pictogram: 'document', hint: true }, YES_NO),
  ],
};

/** The questions of each DSI area, in the order of docs/frameworks.md. */
export const DSI_AREA_QUESTIONS = {
  information: 'actInformation',
  communication: 'actCommunication',
  contentCreation: 'actContent',
  safety: 'actSafety',
  problemSolving: 'actProblemSolving',
} as const;
