/**
 * National reference figures shown beside the local ones, each with its source and year.
 *
 * INSEE, Insee Première n°1953 (June 2023), « 15 % de la population est en situation
 * d'illectronisme en 2021 » — https://www.insee.fr/fr/statistiques/7633654 — on the 2021 ICT
 * household survey (enquête TIC ménages), France excluding Mayotte, people aged 15 or over
 * living in ordinary housing. Same definition as the kiosk (shared/scoring/illectronisme.ts):
 * no internet use in the last 3 months, or basic skills missing in at least 4 of the 5 areas.
 *
 * By age the publication's text gives 75 or over, 60–74, 25–39 and 15–24. No figure for
 * 40–59 could be found in the text of that publication as consulted for this project: it is
 * recorded as not found (null) rather than guessed, and the screens say « non trouvé ».
 */

export interface ReferenceFigure {
  /** Percent of the population, or null when it was not found in the source. */
  percent: number | null;
}

export interface NationalReference {
  id: 'illectronisme';
  year: number;
  source: { publisher: string; title: string; number: string; published: string; url: string; scope: string };
  overall: ReferenceFigure;
  /** By the kiosk's age band codes (INSEE bands). */
  byAgeBand: Readonly<Record<string, ReferenceFigure>>;
}

export const INSEE_ILLECTRONISME_2021: NationalReference = {
  id: 'illectronisme',
  year: 2021,
  source: {
    publisher: 'Insee',
    title: "15 % de la population est en situation d'illectronisme en 2021",
    number: 'Insee Première n°1953',
    published: '2023-06',
    url: 'https://www.insee.fr/fr/statistiques/7633654',
    scope: 'France hors Mayotte, personnes de 15 ans ou plus vivant en logement ordinaire (enquête TIC ménages 2021)',
  },
  overall: { percent: 15.4 },
  byAgeBand: {
    A15_24: { percent: 2 },
    A25_39: { percent: 4 },
    A40_59: { percent: null },
    A60_74: { percent: 24 },
    A75_PLUS: { percent: 62 },
  },
};

/** "Insee, Insee Première n°1953 (2023), données 2021": the short label shown beside a figure. */
export function referenceLabel(reference: NationalReference = INSEE_ILLECTRONISME_2021): string {
  return `${reference.source.publisher}, ${reference.source.number} (${reference.source.published.slice(0, 4)}), données ${reference.year}`;
}

/**
 * The standard population of the age-standardised shares: France's population aged 15 or
 * over in 2021, the year of INSEE's illectronisme figures.
 *
 * Source: Insee, recensement de la population 2021 (RP2021), exploitation principale, tableau
 * POP3 « Population de 15 ans ou plus par sexe, âge et statut conjugal en 2021 », France
 * entière, géographie au 01/01/2024 (https://www.insee.fr/fr/statistiques/8200791), column
 * « Ensemble », both sexes. The census groups are 15–19, 20–24, 25–39, 40–54, 55–64, 65–79 and
 * 80 or over; the kiosk's bands (those of INSEE's ICT survey) cut at 60 and 75, inside two
 * census groups. Those two groups are split in proportion to their width in years (55–64 half
 * to 40–59 and half to 60–74; 65–79 two thirds to 60–74 and one third to 75 or over): an
 * approximation that moves no weight by more than about one point, documented in
 * docs/guide-analyste.md. The other bands are exact sums of census groups.
 */
export const STANDARD_POPULATION_CENSUS_2021 = {
  A15_19: 4_164_063,
  A20_24: 3_819_841,
  A25_39: 12_108_410,
  A40_54: 13_104_453,
  A55_64: 8_538_467,
  A65_79: 9_722_536,
  A80_PLUS: 4_101_248,
} as const;

export interface StandardPopulation {
  year: number;
  source: { publisher: string; table: string; url: string };
  /** Inhabitants aged 15 or over by the kiosk's age band (some split as documented above). */
  byAgeBand: Readonly<Record<string, number>>;
}

const census = STANDARD_POPULATION_CENSUS_2021;
export const FRANCE_15_PLUS_2021: StandardPopulation = {
  year: 2021,
  source: {
    publisher: 'Insee',
    table: 'RP2021, exploitation principale, tableau POP3 (population de 15 ans ou plus par âge), France entière, géographie au 01/01/2024',
    url: 'https://www.insee.fr/fr/statistiques/8200791',
  },
  byAgeBand: {
    A15_24: census.A15_19 + census.A20_24,
    A25_39: census.A25_39,
    A40_59: census.A40_54 + census.A55_64 / 2,
    A60_74: census.A55_64 / 2 + (census.A65_79 * 2) / 3,
    A75_PLUS: census.A65_79 / 3 + census.A80_PLUS,
  },
};

/** "Insee, RP2021 (…), 2021": the short label of the standard population. */
export function standardLabel(standard: StandardPopulation = FRANCE_15_PLUS_2021): string {
  return `${standard.source.publisher}, ${standard.source.table}`;
}
