/**
 * Writes shared/questionnaire/communes.generated.json: the member communes of the CA de
 * Cambrai (EPCI 200068500) with their INSEE codes and populations, taken from
 * @etalab/decoupage-administratif so the list is never typed by hand. Re-run after upgrading
 * that package; test/unit/communes.test.ts fails when the file and the package disagree.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cambraiCommunes } from './communes-source';

const out = resolve(import.meta.dirname, '../shared/questionnaire/communes.generated.json');
writeFileSync(out, JSON.stringify(cambraiCommunes(), null, 2) + '\n');
console.log(`wrote ${out}`);
