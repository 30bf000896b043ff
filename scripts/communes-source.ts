import { createRequire } from 'node:module';

export const CA_CAMBRAI_EPCI = '200068500';

interface EpciRecord {
  code: string;
  membres: { code: string; nom: string; populationMunicipale: number }[];
}

export interface Commune {
  code: string;
  name: string;
  population: number;
}

/** The CA de Cambrai's communes, sorted by name as a citizen would look for theirs. */
export function cambraiCommunes(): Commune[] {
  const require = createRequire(import.meta.url);
  const epcis = require('@etalab/decoupage-administratif/data/epci.json') as EpciRecord[];
  const epci = epcis.find((e) => e.code === CA_CAMBRAI_EPCI);
  if (!epci) throw new Error(`EPCI ${CA_CAMBRAI_EPCI} not found in @etalab/decoupage-administratif`);
  return epci.membres
    .map((m) => ({ code: m.code, name: m.nom, population: m.populationMunicipale }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}
