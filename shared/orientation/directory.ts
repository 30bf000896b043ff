/**
 * The local help directory: places where a citizen can get help, and which needs each one
 * serves. It is data that staff edit; orientation rules pick among what it holds.
 */
import { z } from 'zod';
import { HELP_NEEDS } from './needs';

export { HELP_NEEDS, type HelpNeed } from './needs';

export const HELP_KINDS = [
  'labo',
  'centreSocial',
  'franceServices',
  'conseillerNumerique',
  'adapt',
  'aidantsConnect',
  'passNumerique',
  'other',
] as const;
export type HelpKind = (typeof HELP_KINDS)[number];

/**
 * What a place can take on beyond its services, from the national "lieux de médiation
 * numérique" data (`prise_en_charge_specifique`): foreign languages, illiteracy, disabilities.
 */
export const PLACE_SUPPORTS = ['foreignLanguages', 'illiteracy', 'disability'] as const;
export type PlaceSupport = (typeof PLACE_SUPPORTS)[number];
/** Who pays (`frais_a_charge`): free, free under conditions, paid. */
export const PLACE_FEES = ['free', 'conditional', 'paid'] as const;
/** Publics a place addresses in particular (`publics_specifiquement_adresses`). */
export const PLACE_AUDIENCES = ['youth', 'students', 'families', 'seniors', 'women'] as const;
/** How help is given (`modalites_accompagnement`). */
export const PLACE_MODES = ['autonomous', 'individual', 'workshop', 'remote'] as const;

// Lengths are bounded: these strings come from a staff form or a signed pack and are shown on
// citizen screens and in the QR code.
export const helpPlaceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  name: z.string().trim().min(1).max(80),
  kind: z.enum(HELP_KINDS),
  address: z.string().trim().max(160),
  /**
   * Opening hours as people read them, or in OpenStreetMap `opening_hours` syntax
   * ("Mo-Fr 09:00-12:00,14:00-18:30"), from which the kiosk tells "ouvert maintenant" and the
   * next opening (electron/services/opening-hours.ts).
   */
  openingHours: z.string().trim().max(300),
  phone: z.string().trim().regex(/^[0-9 +().-]{0,20}$/),
  serves: z.array(z.enum(HELP_NEEDS)).min(1),
  // Optional: places typed by staff have none of these; places from the national data may.
  supports: z.array(z.enum(PLACE_SUPPORTS)).max(PLACE_SUPPORTS.length).optional(),
  fees: z.enum(PLACE_FEES).optional(),
  audiences: z.array(z.enum(PLACE_AUDIENCES)).max(PLACE_AUDIENCES.length).optional(),
  modes: z.array(z.enum(PLACE_MODES)).max(PLACE_MODES.length).optional(),
  /** INSEE code of the place's commune (national data). */
  commune: z.string().regex(/^\d[0-9AB]\d{3}$/).optional(),
});
export type HelpPlace = z.infer<typeof helpPlaceSchema>;

/** A directory from the national data for 55 communes can be long; the rules pick 3 at most. */
export const directorySchema = z.array(helpPlaceSchema).max(300);
