/**
 * Reading the national open data of digital-inclusion places ("lieux de médiation
 * numérique", schema v1.0.x by ANCT and La MedNum, Licence Ouverte 2.0; what the project uses
 * of it is in data/mediation-numerique/) into the kiosk's help directory:
 *  - only the places of the agglomeration's 55 communes (by INSEE code; by commune name when
 *    the optional `code_insee` is missing);
 *  - optional fields may be missing and unknown columns are ignored (version 2.0 is announced
 *    with more optional fields); a row without a name, an address or anything the kiosk can
 *    recommend it for is skipped, with the reason in the report;
 *  - `services`, `prise_en_charge_specifique`, `publics_specifiquement_adresses`,
 *    `frais_a_charge`, `modalites_accompagnement` and `dispositif_programmes_nationaux` are
 *    mapped onto the orientation's needs, kinds and preferences (tables below, documented in
 *    docs/scoring.md);
 *  - `horaires` (OpenStreetMap opening_hours) is kept as it is; whether the kiosk can read it
 *    is checked by the caller, which has the opening_hours library (main process only).
 * Pure: papaparse parses, nothing here touches a file.
 */
import Papa from 'papaparse';
import communes from '../questionnaire/communes.generated.json';
import type { HelpKind, HelpNeed, HelpPlace, PlaceSupport } from '../orientation/directory';
import { PLACE_AUDIENCES, PLACE_FEES, PLACE_MODES } from '../orientation/directory';

/** Values of `services` (schema v1.0.2) → the need a next step answers. */
export const SERVICE_NEEDS: Readonly<Record<string, HelpNeed>> = {
  'Aide aux démarches administratives': 'procedure',
  'Maîtrise des outils numériques du quotidien': 'learn',
  'Insertion professionnelle via le numérique': 'learn',
  'Utilisation sécurisée du numérique': 'security',
  'Parentalité et éducation avec le numérique': 'learn',
  'Loisirs et créations numériques': 'learn',
  'Compréhension du monde numérique': 'learn',
  'Accès internet et matériel informatique': 'equipment',
  'Acquisition de matériel informatique à prix solidaire': 'equipment',
};

/** Values of `prise_en_charge_specifique` → what the place takes on (and the need it then serves). */
export const SUPPORT_VALUES: Readonly<Record<string, { support: PlaceSupport; need: HelpNeed }>> = {
  'Langues étrangères (anglais)': { support: 'foreignLanguages', need: 'language' },
  'Langues étrangères (autres)': { support: 'foreignLanguages', need: 'language' },
  Illettrisme: { support: 'illiteracy', need: 'learn' },
  Surdité: { support: 'disability', need: 'disability' },
  'Handicaps moteurs': { support: 'disability', need: 'disability' },
  'Handicaps mentaux': { support: 'disability', need: 'disability' },
  'Déficience visuelle': { support: 'disability', need: 'disability' },
};

export const FEE_VALUES: Readonly<Record<string, (typeof PLACE_FEES)[number]>> = {
  Gratuit: 'free',
  'Gratuit sous condition': 'conditional',
  Payant: 'paid',
};

export const AUDIENCE_VALUES: Readonly<Record<string, (typeof PLACE_AUDIENCES)[number]>> = {
  Jeunes: 'youth',
  Étudiants: 'students',
  'Familles et/ou enfants': 'families',
  Seniors: 'seniors',
  Femmes: 'women',
};

export const MODE_VALUES: Readonly<Record<string, (typeof PLACE_MODES)[number]>> = {
  'En autonomie': 'autonomous',
  'Accompagnement individuel': 'individual',
  'Dans un atelier collectif': 'workshop',
  'À distance': 'remote',
};

/** National programmes (`dispositif_programmes_nationaux`) that name the kind of place, in priority order. */
export const PROGRAMME_KINDS: readonly (readonly [string, HelpKind])[] = [
  ['France Services', 'franceServices'],
  ['Aidants Connect', 'aidantsConnect'],
  ['Conseillers numériques', 'conseillerNumerique'],
];

/** Aidants Connect and France Services help with procedures whatever `services` says. */
const PROGRAMME_NEEDS: Readonly<Record<string, HelpNeed>> = { 'France Services': 'procedure', 'Aidants Connect': 'procedure' };

export const AGGLOMERATION_COMMUNES: ReadonlyMap<string, string> = new Map(communes.map((c) => [c.code, c.name]));

export type SkipReason = 'outsideAgglomeration' | 'missingName' | 'missingAddress' | 'nothingToRecommend' | 'duplicateId';

export interface PlacesReport {
  /** Data rows read (the header not counted). */
  rows: number;
  places: HelpPlace[];
  /** Rows not kept, with the row number in the file (header = 1) and why. */
  skipped: { line: number; reason: SkipReason; name: string }[];
  /** Values the schema does not know, ignored (e.g. a service added in a later version). */
  unknownValues: string[];
  /** Columns the file has that this reader does not use, ignored. */
  unknownColumns: string[];
}

export class PlacesFileError extends Error {
  constructor(
    readonly reason: 'notCsv' | 'missingColumns' | 'empty',
    detail: string,
  ) {
    super(detail);
  }
}

const KNOWN_COLUMNS = new Set([
  'id', 'pivot', 'nom', 'commune', 'code_postal', 'code_insee', 'adresse', 'complement_adresse', 'latitude', 'longitude', 'typologie',
  'telephone', 'courriels', 'site_web', 'horaires', 'presentation_resume', 'presentation_detail', 'source', 'itinerance', 'structure_parente',
  'date_maj', 'services', 'publics_specifiquement_adresses', 'prise_en_charge_specifique', 'frais_a_charge', 'dispositif_programmes_nationaux',
  'formations_labels', 'autres_formations_labels', 'modalites_acces', 'modalites_accompagnement', 'fiche_acces_libre', 'prise_rdv',
]);
/** What a row needs for the kiosk; the schema requires more, which the kiosk does not use. */
const REQUIRED_COLUMNS = ['nom', 'adresse', 'commune'];

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split('|')
    .map((v) => v.trim())
    .filter((v) => v !== '');

function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
const COMMUNE_BY_NAME = new Map(communes.map((c) => [normaliseName(c.name), c.code]));

function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

/** "+33327722500" → "03 27 72 25 00"; other numbers as they are if they fit the directory's rule. */
export function frenchPhone(raw: string): string {
  const first = list(raw)[0] ?? '';
  const digits = first.replace(/[^\d+]/g, '');
  const national = /^\+33(\d{9})$/.exec(digits);
  const text = national ? `0${national[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ') : first;
  return /^[0-9 +().-]{0,20}$/.test(text) ? text : '';
}

function placeId(raw: string, taken: Set<string>): string {
  const base = `mn-${raw.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}`.slice(0, 40).replace(/-+$/, '');
  let id = base.length > 3 ? base : 'mn-lieu';
  for (let n = 2; taken.has(id); n++) id = `${base.slice(0, 36)}-${n}`;
  taken.add(id);
  return id;
}

/** Parses a file in the national format and keeps the agglomeration's places. */
export function readMediationPlaces(text: string): PlacesReport {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
  const columns = parsed.meta.fields ?? [];
  if (columns.length < 2) throw new PlacesFileError('notCsv', 'the file is not a CSV table with a header row');
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new PlacesFileError('missingColumns', `columns missing: ${missing.join(', ')}`);
  if (parsed.data.length === 0) throw new PlacesFileError('empty', 'the file has no places');

  const unknownValues = new Set<string>();
  const known = <T>(table: Readonly<Record<string, T>>, value: string): T | undefined => {
    if (Object.hasOwn(table, value)) return table[value];
    unknownValues.add(value);
    return undefined;
  };
  const report: PlacesReport = { rows: parsed.data.length, places: [], skipped: [], unknownValues: [], unknownColumns: columns.filter((c) => !KNOWN_COLUMNS.has(c)) };
  const ids = new Set<string>();
  const sourceIds = new Set<string>();

  parsed.data.forEach((row, index) => {
    const line = index + 2;
    const name = (row['nom'] ?? '').trim();
    const skip = (reason: SkipReason) => report.skipped.push({ line, reason, name: clip(name, 80) });
    const insee = (row['code_insee'] ?? '').trim();
    const commune = insee !== '' ? insee : (COMMUNE_BY_NAME.get(normaliseName(row['commune'] ?? '')) ?? '');
    if (!AGGLOMERATION_COMMUNES.has(commune)) return skip('outsideAgglomeration');
    if (name === '') return skip('missingName');
    const street = (row['adresse'] ?? '').trim();
    if (street === '') return skip('missingAddress');
    const sourceId = (row['id'] ?? '').trim();
    if (sourceId !== '' && sourceIds.has(sourceId)) return skip('duplicateId');
    if (sourceId !== '') sourceIds.add(sourceId);

    const serves = new Set<HelpNeed>();
    for (const service of list(row['services'])) {
      const need = known(SERVICE_NEEDS, service);
      if (need) serves.add(need);
    }
    const supports = new Set<PlaceSupport>();
    for (const value of list(row['prise_en_charge_specifique'])) {
      const s = known(SUPPORT_VALUES, value);
      if (s) {
        supports.add(s.support);
        serves.add(s.need);
      }
    }
    const programmes = list(row['dispositif_programmes_nationaux']);
    for (const programme of programmes) {
      const need = PROGRAMME_NEEDS[programme];
      if (need) serves.add(need);
    }
    if (serves.size === 0) return skip('nothingToRecommend');
    const kind: HelpKind =
      PROGRAMME_KINDS.find(([programme]) => programmes.includes(programme))?.[1] ??
      (list(row['typologie']).some((t) => t === 'CS' || t === 'CENTRE_SOCIAL') ? 'centreSocial' : 'other');

    const fees = list(row['frais_a_charge'])
      .map((v) => known(FEE_VALUES, v))
      .filter((v) => v !== undefined);
    const audiences = list(row['publics_specifiquement_adresses'])
      .map((v) => known(AUDIENCE_VALUES, v))
      .filter((v) => v !== undefined);
    const modes = list(row['modalites_accompagnement'])
      .map((v) => known(MODE_VALUES, v))
      .filter((v) => v !== undefined);
    const communeName = AGGLOMERATION_COMMUNES.get(commune) ?? (row['commune'] ?? '').trim();
    const locality = [(row['code_postal'] ?? '').trim(), communeName].filter(Boolean).join(' ');
    const address = clip([street, (row['complement_adresse'] ?? '').trim(), locality].filter(Boolean).join(', '), 160);

    const place: HelpPlace = {
      id: placeId(sourceId || name, ids),
      name: clip(name, 80),
      kind,
      address,
      openingHours: clip(row['horaires'] ?? '', 300),
      phone: frenchPhone(row['telephone'] ?? ''),
      serves: [...serves].sort(),
      commune,
    };
    if (supports.size > 0) place.supports = [...supports].sort();
    // Several values: the most favourable one a person can get ("Gratuit|Payant" → free).
    const fee = PLACE_FEES.find((f) => fees.includes(f));
    if (fee) place.fees = fee;
    if (audiences.length > 0) place.audiences = [...new Set(audiences)].sort();
    if (modes.length > 0) place.modes = [...new Set(modes)].sort();
    report.places.push(place);
  });
  report.unknownValues = [...unknownValues].sort();
  return report;
}
