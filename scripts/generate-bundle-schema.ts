/**
 * Writes the table part of docs/reperes-aggregates.schema.json from the declared table sets
 * (shared/export/table-sets.ts): one `$defs/tables-<major>` per questionnaire major version,
 * chosen by `questionnaire.version`, so that bundles of version 1 and version 2 both validate;
 * and its optional `health` part from its zod schema (shared/export/health-schema.ts).
 * Everything else in the schema file is kept as it is. test/unit/export-integrity.test.ts
 * checks that the file matches the declarations.
 *
 *   npx tsx scripts/generate-bundle-schema.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { healthSchema } from '../shared/export/health-schema';
import { TABLE_SETS } from '../shared/export/table-sets';
import type { TableShape } from '../shared/export/tables';

const file = join(import.meta.dirname, '..', 'docs', 'reperes-aggregates.schema.json');
const MONTH = '^\\d{4}-(0[1-9]|1[0-2])$';

function tableSchema(t: TableShape): Record<string, unknown> {
  const cellProperties = Object.fromEntries([
    ...t.dimensions.map((d) => [d, d === 'month' ? { type: 'string', pattern: MONTH } : { $ref: '#/$defs/code' }]),
    ['count', { $ref: '#/$defs/count' }],
  ]);
  return {
    type: 'object',
    additionalProperties: false,
    required: ['population', 'unit', 'dimensions', 'cells'],
    properties: {
      population: { const: t.population },
      unit: { const: t.unit },
      dimensions: { const: [...t.dimensions] },
      cells: { type: 'array', items: { type: 'object', additionalProperties: false, required: [...t.dimensions, 'count'], properties: cellProperties } },
    },
  };
}

const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { properties: Record<string, unknown>; $defs: Record<string, unknown> };
const majors = Object.keys(TABLE_SETS).sort();
for (const major of majors) {
  const set = TABLE_SETS[major] ?? [];
  schema.$defs[`tables-${major}`] = {
    description: `The tables of a bundle whose questionnaire version is ${major}.x.y (docs/export-format.md §4).`,
    type: 'object',
    additionalProperties: false,
    required: set.map((t) => t.id),
    properties: Object.fromEntries(set.map((t) => [t.id, tableSchema(t)])),
  };
}
// The optional health part, from its zod schema (shared/export/health-schema.ts), so the two cannot drift.
const { $schema: _draft, ...health } = z.toJSONSchema(healthSchema, { target: 'draft-2020-12' });
schema.properties['health'] = health;
schema.properties['tables'] = { type: 'object', description: 'The table set of the questionnaire\'s major version: see allOf.' };
(schema.properties['questionnaire'] as { properties: { version: Record<string, unknown> } }).properties.version = {
  type: 'string',
  pattern: `^(${majors.join('|')})\\.\\d+\\.\\d+$`,
  description: 'The table set follows the major version (1: Repères 0.1, tick-all activities; 2: item by item, non-response kept).',
};
schema['allOf'] = majors.map((major) => ({
  if: { type: 'object', properties: { questionnaire: { type: 'object', properties: { version: { type: 'string', pattern: `^${major}\\.` } } } } },
  then: { type: 'object', properties: { tables: { $ref: `#/$defs/tables-${major}` } } },
}));
writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
console.log(`${file}: table sets ${majors.join(', ')}`);
