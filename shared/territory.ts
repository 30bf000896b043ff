/**
 * The territory the kiosks serve, identified the way national open data does: the EPCI by
 * its SIREN (répertoire SIRENE), communes by their INSEE code (Code officiel géographique).
 */
export const EPCI = { code: '200068500', name: "Communauté d'Agglomération de Cambrai" } as const;

/** The exports' commune code (`C59122`) as its INSEE code (`59122`); other codes (OUTSIDE, NA, DK…) unchanged. */
export function inseeCommuneCode(code: string): string {
  return /^C(\d{5}|2[AB]\d{3})$/.test(code) ? code.slice(1) : code;
}
