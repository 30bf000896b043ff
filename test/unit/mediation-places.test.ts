/**
 * The national "lieux de médiation numérique" data (schema v1.0.x) read into the kiosk's help
 * directory: the agglomeration's places only, missing optional fields and unknown columns
 * accepted, every value the schema allows mapped onto the orientation, and the person who
 * chose Arabic and needs help with procedures sent to a free place that helps with procedures
 * and takes on foreign languages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directorySchema } from '../../shared/orientation/directory';
import { recommend } from '../../shared/orientation/rules';
import {
  AUDIENCE_VALUES,
  FEE_VALUES,
  MODE_VALUES,
  PlacesFileError,
  SERVICE_NEEDS,
  SUPPORT_VALUES,
  frenchPhone,
  readMediationPlaces,
} from '../../shared/places/mediation-numerique';
import { scoreSession } from '../../shared/scoring';
import { AUTONOMY_TASKS } from '../../shared/questionnaire/definition';
import type { Answers } from '../../shared/questionnaire/schema';
import type { Language } from '../../shared/i18n/languages';
import { isOpeningHoursSyntax } from '../../electron/services/opening-hours';
import { repoRoot } from '../harness/repo-root';

const FIXTURE = readFileSync(join(repoRoot(), 'test/fixtures/mediation-numerique/lieux-cambrai-exemple.csv'), 'utf8');
const schema = JSON.parse(readFileSync(join(repoRoot(), 'assets/mediation-numerique/schema.json'), 'utf8')) as { fields: { name: string; constraints?: { pattern?: string } }[] };

/** The values a field's pattern allows: `(?:(?:^|\|)(A|B|C))+$` → [A, B, C]. */
function allowed(field: string): string[] {
  const pattern = schema.fields.find((f) => f.name === field)?.constraints?.pattern ?? '';
  const inner = /\(\?:\(\?:\^\|\\\|\)\((.*)\)\)\+\$/.exec(pattern)?.[1] ?? '';
  return inner.split('|').map((v) => v.replace(/\\\(/g, '(').replace(/\\\)/g, ')'));
}

describe('the mapping tables', () => {
  it('map every value the national schema allows', () => {
    const tables: [string, Record<string, unknown>][] = [
      ['services', SERVICE_NEEDS],
      ['prise_en_charge_specifique', SUPPORT_VALUES],
      ['frais_a_charge', FEE_VALUES],
      ['publics_specifiquement_adresses', AUDIENCE_VALUES],
      ['modalites_accompagnement', MODE_VALUES],
    ];
    for (const [field, table] of tables) {
      const values = allowed(field);
      expect(values.length, field).toBeGreaterThan(2);
      expect(Object.keys(table).sort(), field).toEqual([...values].sort());
    }
  });
});

describe('reading a file in the national format', () => {
  const report = readMediationPlaces(FIXTURE);

  it('keeps the agglomeration’s places, says why each other row was left out, and ignores unknown columns and values', () => {
    expect(report.rows).toBe(7);
    expect(report.places.map((p) => p.name)).toEqual(['EXEMPLE Point numérique payant', 'EXEMPLE France Services', 'EXEMPLE Centre social des langues', 'EXEMPLE Atelier seniors', 'EXEMPLE Espace accessible']);
    expect(report.skipped).toEqual([
      { line: 7, reason: 'nothingToRecommend', name: 'EXEMPLE Lieu sans service connu' },
      { line: 8, reason: 'outsideAgglomeration', name: 'EXEMPLE Médiathèque de Reims' },
    ]);
    expect(report.unknownColumns).toEqual(['colonne_inconnue']);
    expect(report.unknownValues).toEqual(["Un service d'une version future"]);
    // What it makes is a valid kiosk directory, and its hours are readable by the kiosk.
    expect(directorySchema.safeParse(report.places).success).toBe(true);
    for (const place of report.places) if (place.openingHours) expect(isOpeningHoursSyntax(place.openingHours), place.name).toBe(true);
  });

  it('maps services, specific support, fees, publics, modes and national programmes', () => {
    const [paid, franceServices, languages, seniors, accessible] = report.places;
    expect(paid).toMatchObject({ id: 'mn-exemple-1', kind: 'other', serves: ['language', 'learn', 'procedure'], supports: ['foreignLanguages'], fees: 'paid', phone: '03 00 00 00 01', commune: '59122' });
    expect(franceServices).toMatchObject({ kind: 'franceServices', serves: ['procedure'], fees: 'free', modes: ['individual'] });
    // No code_insee: found by its commune name; the additional address line kept.
    expect(languages).toMatchObject({ kind: 'conseillerNumerique', commune: '59122', address: "3 avenue de l'Exemple, Bâtiment B, 59400 Cambrai", supports: ['foreignLanguages', 'illiteracy'], audiences: ['families', 'women'], modes: ['individual', 'workshop'] });
    expect(seniors).toMatchObject({ serves: ['learn', 'security'], fees: 'conditional', audiences: ['seniors'] });
    expect(accessible).toMatchObject({ serves: ['disability', 'equipment'], supports: ['disability'], openingHours: '', fees: 'free' });
  });

  it('accepts a file with only a few columns (optional fields missing), and refuses one without names or addresses', () => {
    const minimal = 'nom,adresse,commune,code_insee,services\r\nEXEMPLE Minimal,1 rue X,Cambrai,59122,Aide aux démarches administratives\r\n';
    expect(readMediationPlaces(minimal).places).toEqual([
      { id: 'mn-exemple-minimal', name: 'EXEMPLE Minimal', kind: 'other', address: '1 rue X, Cambrai', openingHours: '', phone: '', serves: ['procedure'], commune: '59122' },
    ]);
    expect(() => readMediationPlaces('id;pivot\n1;2\n')).toThrow(PlacesFileError);
    expect(() => readMediationPlaces('')).toThrow(PlacesFileError);
    expect(() => readMediationPlaces('nom,adresse,commune\r\n')).toThrow(PlacesFileError);
  });

  it('leaves out every place of the schema’s own example (Reims)', () => {
    const example = readMediationPlaces(readFileSync(join(repoRoot(), 'assets/mediation-numerique/exemple-valide.csv'), 'utf8'));
    expect(example.places).toEqual([]);
    expect(example.skipped).toEqual([{ line: 2, reason: 'outsideAgglomeration', name: 'Anonymal' }]);
  });

  it('writes phone numbers the French way, and drops what cannot be a phone number', () => {
    expect(frenchPhone('+33327722500|+33600000000')).toBe('03 27 72 25 00');
    expect(frenchPhone('')).toBe('');
    expect(frenchPhone('<script>')).toBe('');
  });
});

describe('orientation with places from the national data', () => {
  const directory = readMediationPlaces(FIXTURE).places;
  const needsProcedure: Answers = {
    ageBand: 'A40_59',
    internetUse: 'EVERY_WEEK',
    actInformation: ['NEWS'],
    actCommunication: ['EMAIL'],
    actContent: ['NONE'],
    actSafety: ['NONE'],
    actProblemSolving: ['NONE'],
    ...Object.fromEntries(AUTONOMY_TASKS.map((t) => [t, 'ALONE'])),
    taskProcedure: 'CANNOT',
    wantsToLearn: ['NOTHING'],
    barriers: ['NONE'],
    procedureSoon: 'YES',
  };
  const first = (answers: Answers, language: Language) => {
    const steps = recommend(scoreSession(answers, {}), answers, directory, { language });
    return directory.find((p) => p.id === steps[0]?.placeId);
  };

  it('Arabic + procedures → a free place that helps with procedures and takes on foreign languages', () => {
    const place = first(needsProcedure, 'ar');
    expect(place?.name).toBe('EXEMPLE Centre social des langues');
    expect(place).toMatchObject({ fees: 'free', supports: expect.arrayContaining(['foreignLanguages']), serves: expect.arrayContaining(['procedure']) });
    // Dari, Ukrainian, Turkish, English: the same.
    for (const language of ['fa-AF', 'uk', 'tr', 'en'] as const) expect(first(needsProcedure, language)?.name, language).toBe('EXEMPLE Centre social des langues');
  });

  it('French + procedures → the first free place in the directory that helps with procedures (France Services)', () => {
    expect(first(needsProcedure, 'fr')?.name).toBe('EXEMPLE France Services');
  });

  it('a disability named → the place that takes on disabilities', () => {
    const answers: Answers = { ...needsProcedure, procedureSoon: 'NO', taskProcedure: 'ALONE', barriers: ['DISABILITY'] };
    expect(first(answers, 'fr')?.name).toBe('EXEMPLE Espace accessible');
  });
});
