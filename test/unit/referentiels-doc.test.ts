/**
 * docs/referentiels.md promises a mapping to the national vocabularies: every published age
 * band and autonomy level, and every service of the national schema, must appear in it with the
 * need the application really uses (shared/places/mediation-numerique.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGE_ROWS, AUTONOMY_COLUMNS } from '../../shared/analyst/dashboard';
import { SERVICE_NEEDS } from '../../shared/places/mediation-numerique';

const doc = readFileSync(join(__dirname, '../../docs/referentiels.md'), 'utf8');

describe('docs/referentiels.md', () => {
  it('maps every published age band and autonomy level', () => {
    for (const code of [...AGE_ROWS, ...AUTONOMY_COLUMNS]) expect(doc, code).toContain(`\`${code}\``);
  });

  it('maps every service of the national schema to the need the application uses', () => {
    for (const [service, need] of Object.entries(SERVICE_NEEDS)) expect(doc, service).toMatch(new RegExp(`\\| ${service} \\| \`${need}\` \\|`));
  });
});
