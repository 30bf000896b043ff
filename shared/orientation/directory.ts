/**
 * The local help directory: places where a citizen can get help, and which needs each one
 * serves. It is data that staff edit; orientation rules pick among what it holds.
 */
import { z } from 'zod';

/** What a next step answers. Orientation rules emit these; places declare which they serve. */
export const HELP_NEEDS = ['learn', 'procedure', 'disability', 'equipment', 'language', 'security'] as const;
export type HelpNeed = (typeof HELP_NEEDS)[number];

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

// Lengths are bounded: these strings come from a staff form and are shown on citizen screens
// and in the QR code.
export const helpPlaceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  name: z.string().trim().min(1).max(80),
  kind: z.enum(HELP_KINDS),
  address: z.string().trim().max(160),
  openingHours: z.string().trim().max(160),
  phone: z.string().trim().regex(/^[0-9 +().-]{0,20}$/),
  serves: z.array(z.enum(HELP_NEEDS)).min(1),
});
export type HelpPlace = z.infer<typeof helpPlaceSchema>;

export const directorySchema = z.array(helpPlaceSchema).max(50);
