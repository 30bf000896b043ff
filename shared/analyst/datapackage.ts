/**
 * The publication as a Frictionless Data Package (datapackage.json, Data Package 2.0): what
 * data.gouv.fr and any Frictionless tool read to know the indicators table without opening it.
 * The Table Schema gives each CSV column its type, its list of allowed values, what a missing
 * value looks like (an empty cell) and the primary key; tests validate the descriptor against
 * the official JSON Schemas and every published row against the Table Schema.
 */
import { AGE_ROWS } from './dashboard';
import { EPCI, INDICATORS, LICENCE, PUBLICATION_FILES, TIDY_COLUMNS, type TidyColumn } from './publication';
import { FRANCE_15_PLUS_2021, INSEE_ILLECTRONISME_2021 } from './references';

export interface TableSchemaField {
  name: TidyColumn;
  type: 'string' | 'integer' | 'number' | 'yearmonth' | 'boolean';
  description: string;
  trueValues?: string[];
  falseValues?: string[];
  constraints?: { required?: boolean; enum?: string[]; pattern?: string; minimum?: number; maximum?: number };
}

export const TABLE_DIMENSIONS = ['status', 'section', 'dsiCategory', 'illectronisme', 'task', 'need', 'barrier', 'recommendation'] as const;

const flag = (description: string): Pick<TableSchemaField, 'type' | 'description' | 'trueValues' | 'falseValues' | 'constraints'> => ({ type: 'boolean', description, trueValues: ['1'], falseValues: ['0'], constraints: { required: true } });

export const INDICATORS_SCHEMA = {
  fields: [
    { name: 'indicator', type: 'string', description: 'Indicateur', constraints: { required: true, enum: [...INDICATORS] } },
    { name: 'unit', type: 'string', description: 'Unité de value : percent (part en %) ou per_1000 (pour 1 000 habitants)', constraints: { required: true, enum: ['percent', 'per_1000'] } },
    { name: 'territory_level', type: 'string', description: "Niveau du territoire : epci, commune, other (hors agglomération, non renseignée)", constraints: { required: true, enum: ['epci', 'commune', 'other'] } },
    { name: 'territory_code', type: 'string', description: "Code Insee de la commune (COG), SIREN de l'EPCI, OUTSIDE ou NA", constraints: { required: true, pattern: '^([0-9]{5}|2[AB][0-9]{3}|[0-9]{9}|OUTSIDE|NA)$' } },
    { name: 'territory_name', type: 'string', description: 'Nom du territoire', constraints: { required: true } },
    { name: 'period_start', type: 'yearmonth', description: 'Premier mois (AAAA-MM)', constraints: { required: true } },
    { name: 'period_end', type: 'yearmonth', description: 'Dernier mois (AAAA-MM)', constraints: { required: true } },
    { name: 'age_band', type: 'string', description: "Tranche d'âge de l'enquête TIC de l'Insee, NA (non renseignée) ou ALL (tous âges)", constraints: { required: true, enum: [...AGE_ROWS, 'ALL'] } },
    { name: 'dimension', type: 'string', description: 'Ce qui est compté', constraints: { required: true, enum: [...TABLE_DIMENSIONS] } },
    { name: 'category', type: 'string', description: 'Code de la catégorie', constraints: { required: true } },
    { name: 'category_label', type: 'string', description: 'Libellé de la catégorie', constraints: { required: true } },
    { name: 'subcategory', type: 'string', description: "Seconde ventilation (niveau d'autonomie), sinon vide" },
    { name: 'subcategory_label', type: 'string', description: 'Libellé de la seconde ventilation, sinon vide' },
    { name: 'numerator', type: 'integer', description: 'Effectif compté ; vide si masqué (secret) ou sans objet', constraints: { minimum: 0 } },
    { name: 'denominator', type: 'integer', description: 'Effectif de référence (ou population) ; vide si masqué ou sans objet', constraints: { minimum: 0 } },
    { name: 'value', type: 'number', description: 'numerator / denominator × 100 (ou × 1 000), une décimale ; part standardisée pour illectronisme_age_standardised', constraints: { minimum: 0 } },
    { name: 'ci_low', type: 'number', description: 'Borne basse de l’intervalle de confiance à 95 % de value (en %)', constraints: { minimum: 0, maximum: 100 } },
    { name: 'ci_high', type: 'number', description: 'Borne haute de l’intervalle de confiance à 95 % de value (en %)', constraints: { minimum: 0, maximum: 100 } },
    { name: 'suppressed', ...flag('1 : un effectif de la ligne est masqué par le secret statistique (« s »)') },
    { name: 'unavailable', ...flag('1 : valeur non disponible ou sans objet (« nd »), sans lien avec le secret') },
  ] satisfies TableSchemaField[],
  missingValues: [''],
  primaryKey: ['indicator', 'unit', 'territory_code', 'period_start', 'period_end', 'age_band', 'dimension', 'category', 'subcategory'] satisfies TidyColumn[],
};

// The schema must name every column of the CSV, in order: a new column without a type fails here.
if (INDICATORS_SCHEMA.fields.map((f) => f.name).join() !== TIDY_COLUMNS.join()) throw new Error('the Table Schema and the CSV columns differ');

/** datapackage.json of one publication. */
export function dataPackage(options: { generatedDay: string; from: string; to: string; k: number }): Record<string, unknown> {
  const ref = INSEE_ILLECTRONISME_2021;
  return {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: 'reperes-indicateurs-ca-cambrai',
    title: `Repères — compétences numériques et illectronisme, ${EPCI.name}`,
    description: `Indicateurs agrégés des bornes d'autodiagnostic Repères (${options.from} à ${options.to}), protégés par le secret statistique (seuil k = ${options.k}). Les personnes venues aux bornes ne sont pas un échantillon aléatoire des habitants.`,
    version: options.generatedDay,
    created: `${options.generatedDay}T00:00:00Z`,
    keywords: ['illectronisme', 'inclusion numérique', 'compétences numériques', 'DSI', EPCI.code],
    licenses: [{ name: LICENCE.id, title: LICENCE.title, path: LICENCE.url }],
    contributors: [{ title: EPCI.name, roles: ['publisher'] }],
    sources: [
      { title: `${ref.source.publisher}, ${ref.source.number}, ${ref.source.title}`, path: ref.source.url },
      { title: `${FRANCE_15_PLUS_2021.source.publisher}, ${FRANCE_15_PLUS_2021.source.table}`, path: FRANCE_15_PLUS_2021.source.url },
    ],
    resources: [
      {
        name: 'reperes-indicateurs',
        title: 'Indicateurs (CSV)',
        path: PUBLICATION_FILES.csv,
        type: 'table',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: { header: true, delimiter: ',', lineTerminator: '\r\n', quoteChar: '"' },
        schema: INDICATORS_SCHEMA,
      },
      {
        name: 'reperes-indicateurs-parquet',
        title: 'Indicateurs (Apache Parquet)',
        path: PUBLICATION_FILES.parquet,
        type: 'table',
        format: 'parquet',
        mediatype: 'application/vnd.apache.parquet',
        schema: INDICATORS_SCHEMA,
      },
    ],
  };
}
