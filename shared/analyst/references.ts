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
 * recorded as not published (null) rather than guessed, and the screens say so.
 */

export interface ReferenceFigure {
  /** Percent of the population, or null when the source does not publish it. */
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
