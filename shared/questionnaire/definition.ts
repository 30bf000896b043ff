/**
 * Repères' diagnostic questionnaire, version 2. Pure data, validated by
 * `questionnaireSchema` in the tests. Text keys follow one convention so that translators,
 * the audio generator and the tests can find them:
 *   section.<section>.title · q.<question>.label · q.<question>.hint · q.<question>.opt.<CODE>
 *   q.<question>.item.<CODE> (a row of an item-by-item question) · q.<question>.includes.<id>
 * Commune names are proper nouns, not translated: their key is `commune.<INSEE code>`.
 *
 * Sources of the items: docs/frameworks.md (Eurostat DSI 2.0 activities with their survey variables,
 * INSEE's internet-use gate and age bands, the mediators' autonomy scale);
 * Commission Implementing Regulation (EU) 2020/1013 (the ICT survey items of reference year
 * 2021, https://eur-lex.europa.eu/eli/reg_impl/2020/1013/oj), whose wording the French texts
 * follow in plain words (docs/scoring.md §1.2 lists each item beside its survey variable).
 *
 * What changed from version 1 (docs/scoring.md §0):
 * - the activities are asked item by item (Oui / Non / Je ne sais pas on every row), as the
 *   survey asks them, instead of "tick all that apply": an unticked box could not tell "no"
 *   from "skipped", and tick-all lists get fewer ticks;
 * - the reference period is in every activity question, and online purchases (12 months) have
 *   their own screen instead of sharing one with 3-month items;
 * - the internet-use question says what counts (a phone, an app such as WhatsApp or Facebook,
 *   any place), and a "Non" from a smartphone owner gets one gentle confirmation screen;
 * - the autonomy scale no longer offers "Je ne sais pas le faire" beside "Je ne sais pas".
 */
import communes from './communes.generated.json';
import type { AnswerOption, Condition, Question, QuestionItem, Questionnaire, Section } from './schema';

type QuestionInput = {
  id: string;
  section: string;
  pictogram: string;
  hint?: boolean;
  showIf?: Condition;
  allowMissing?: boolean;
  /** What the question counts, each with its pictogram: keys q.<id>.includes.<name>. */
  includes?: [string, string][];
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
    ...(input.includes
      ? {
          includes: input.includes.map(([name, pictogram]) => {
            const key = `q.${input.id}.includes.${name}`;
            return { label: key, media: { audio: key, pictogram } };
          }),
        }
      : {}),
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

/**
 * Item by item (Eurostat asks each activity as its own yes/no item): one row per activity,
 * each answered Oui / Non / Je ne sais pas; "Je préfère ne pas répondre" covers the screen.
 */
function items(input: QuestionInput, rows: [string, string][]): Question {
  const item = (code: string, pictogram: string): QuestionItem => {
    const label = `q.${input.id}.item.${code}`;
    return { code, label, media: { audio: label, pictogram } };
  };
  return {
    ...base(input),
    kind: 'items',
    items: rows.map(([code, picto]) => item(code, picto)),
    scale: YES_NO.map(([code, picto]) => option(input.id, code, picto)),
  };
}

function section(id: string, pictogram: string): Section {
  return { id, title: `section.${id}.title`, media: { audio: `section.${id}.title`, pictogram } };
}

const YES_NO: [string, string][] = [
  ['YES', 'yes'],
  ['NO', 'no'],
];

/**
 * The three levels digital mediators record (La Coop de la médiation numérique): autonomous,
 * autonomous with guidance, done for me. Version 2 words them "Sans aide", "Avec de l'aide",
 * "Quelqu'un le fait pour moi": version 1's "Je ne sais pas le faire" sat beside the built-in
 * "Je ne sais pas" (test/unit/confusable-labels.test.ts now forbids such pairs).
 */
const AUTONOMY_SCALE: [string, string][] = [
  ['ALONE', 'person-alone'],
  ['WITH_HELP', 'people-helping'],
  ['CANNOT', 'hand-stop'],
];

/**
 * INSEE's gate: no internet use in the last 3 months means no activity questions. A smartphone
 * owner who said "Non" is asked once more (`internetUseCheck`), since using WhatsApp or
 * Facebook is using the internet and many do not call it that; "Oui" there opens the activities.
 */
export const SAID_NO_INTERNET: Condition = { op: 'equals', question: 'internetUse', code: 'NOT_IN_3_MONTHS' };
export const CONFIRMS_NO_INTERNET_ASKED: Condition = { op: 'all', conditions: [SAID_NO_INTERNET, { op: 'equals', question: 'smartphone', code: 'YES' }] };
const FOUND_INTERNET_USE: Condition = { op: 'equals', question: 'internetUseCheck', code: 'USED' };
export const USED_INTERNET: Condition = { op: 'any', conditions: [{ op: 'not', condition: SAID_NO_INTERNET }, FOUND_INTERNET_USE] };
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
  version: '2.0.0',
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
      ['A40_59', 'age-middle'],
      ['A60_74', 'age-senior'],
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
    // The period and what counts are in the question itself, with a pictogram each.
    single(
      {
        id: 'internetUse',
        section: 'access',
        pictogram: 'globe',
        includes: [
          ['device', 'smartphone'],
          ['apps', 'speech'],
          ['place', 'location'],
        ],
      },
      [
        ['EVERY_DAY', 'calendar-day'],
        ['EVERY_WEEK', 'calendar-week'],
        ['LESS_OFTEN', 'calendar'],
        ['NOT_IN_3_MONTHS', 'no'],
      ],
    ),
    single(
      {
        id: 'internetUseCheck',
        section: 'access',
        pictogram: 'smartphone',
        hint: true,
        showIf: CONFIRMS_NO_INTERNET_ASKED,
        includes: [
          ['messages', 'speech'],
          ['videos', 'video-call'],
          ['everyday', 'globe'],
        ],
      },
      [
        ['USED', 'yes'],
        ['NOT_USED', 'no'],
      ],
    ),
    single(
      {
        id: 'everUsedInternet',
        section: 'access',
        pictogram: 'globe',
        showIf: { op: 'all', conditions: [SAID_NO_INTERNET, { op: 'not', condition: FOUND_INTERNET_USE }] },
      },
      [
        ['YES_BEFORE', 'yes'],
        ['NEVER', 'no'],
      ],
    ),

    // 3. Eurostat DSI 2.0 activities, item by item, the period in each question.
    items({ id: 'actInformation', section: 'activities', pictogram: 'magnifier', showIf: USED_INTERNET }, [
      ['GOODS_INFO', 'shopping'],
      ['HEALTH_INFO', 'health'],
      ['NEWS', 'newspaper'],
      ['CHECKED_TRUE', 'magnifier'],
    ]),
    items({ id: 'actCommunication', section: 'activities', pictogram: 'speech', showIf: USED_INTERNET }, [
      ['EMAIL', 'email'],
      ['CALLS', 'video-call'],
      ['MESSAGING', 'speech'],
      ['SOCIAL_NETWORKS', 'people'],
      ['OPINIONS', 'megaphone'],
      ['CONSULTATION_VOTE', 'ballot'],
    ]),
    items({ id: 'actContent', section: 'activities', pictogram: 'pencil', showIf: USED_INTERNET }, [
      ['WORD_PROCESSING', 'document'],
      ['SPREADSHEET', 'table'],
      ['EDIT_MEDIA', 'camera'],
      ['COPY_FILES', 'folder'],
      ['COMBINED_DOCUMENT', 'presentation'],
      ['SPREADSHEET_ADVANCED', 'chart'],
      ['PROGRAMMING', 'code'],
    ]),
    items({ id: 'actSafety', section: 'activities', pictogram: 'shield', showIf: USED_INTERNET }, [
      ['READ_PRIVACY_POLICY', 'document'],
      ['LIMIT_LOCATION', 'location'],
      ['LIMIT_PROFILE', 'lock'],
      ['REFUSE_ADS_DATA', 'hand-stop'],
      ['CHECK_SECURE_SITE', 'shield'],
      ['COOKIE_SETTINGS', 'settings'],
    ]),
    items({ id: 'actProblemSolving', section: 'activities', pictogram: 'tools', showIf: USED_INTERNET }, [
      ['INSTALL_APPS', 'download'],
      ['CHANGE_SETTINGS', 'settings'],
      ['SELL_ONLINE', 'money'],
      ['LEARN_ONLINE', 'graduation'],
      ['BANKING', 'bank'],
      ['JOB_SEARCH', 'briefcase'],
    ]),
    // Online purchases are asked over 12 months (Eurostat): a screen of their own, so that no
    // screen mixes two periods.
    items({ id: 'actPurchase', section: 'activities', pictogram: 'shopping', hint: true, showIf: USED_INTERNET }, [['BUY_ONLINE', 'shopping']]),

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

/** The questions of each DSI area, in the order of docs/frameworks.md (problem solving has two screens). */
export const DSI_AREA_QUESTIONS = {
  information: ['actInformation'],
  communication: ['actCommunication'],
  contentCreation: ['actContent'],
  safety: ['actSafety'],
  problemSolving: ['actProblemSolving', 'actPurchase'],
} as const;
