/**
 * The help directory a new kiosk starts with, for the Communauté d'Agglomération de Cambrai.
 * Staff complete and correct it in the settings; orientation rules only pick among what it
 * holds, so its ORDER matters: for each need the first place serving it is chosen.
 *
 * Facts are only those found in public sources; an empty string means "not found, to be
 * completed by staff", never a guess. Sources (consulted as stored copies, 2025–2026):
 *  - Le Labo: address and phone in the Le Labo event listings on unidivers.fr (Journées
 *    européennes du patrimoine 2025; "Enigma Botanica", Feb. 2026: "2 Rue Louis Renard, 59400
 *    Cambrai", 03 74 51 00 00); its "atelier numérique" for training and mediation with digital
 *    tools: Livres Hebdo, « Le Labo ouvre ses portes » (2019). Opening hours: not found.
 *  - L'ADAPT Cambrai: address in L'Observateur, « L'ADAPT, cinquante ans de présence à
 *    Cambrai » (121, route de Solesmes); phone in Handirect (Sept. 2019, 03 27 72 25 00).
 *    Opening hours: not found.
 *  - France Services: the Département du Nord's "Camion bleu France services" stops in
 *    Cambrai (quartier Amérique) per Nord Info (Dec. 2020); fixed France Services sites listed
 *    in 2020 for the area are Le Cateau-Cambrésis and Solesmes. No current Cambrai address,
 *    hours or phone found (ANCT publishes the list on data.gouv.fr: "Structures labellisées
 *    France services").
 *  - Pass numérique: the Région Hauts-de-France deploys "pass numériques" (booklets of 5 or 10
 *    vouchers of 10 €) for job seekers, young people of 18–25 in an insertion path and people
 *    aged 60 or more (regions-france.org, Feb. 2022; ij-hdf.fr). No local desk found.
 *  - Centre social, conseillers numériques, Aidants Connect: no Cambrai address, hours or
 *    phone found in the sources at hand.
 * Which needs each place serves is a default drawn from docs/frameworks.md §6; staff should review it.
 */
import type { HelpPlace } from './directory';

export const DEFAULT_DIRECTORY: HelpPlace[] = [
  {
    id: 'le-labo',
    name: 'Le Labo',
    kind: 'labo',
    address: '2 rue Louis Renard, 59400 Cambrai',
    openingHours: '',
    phone: '03 74 51 00 00',
    serves: ['learn', 'security'],
  },
  {
    id: 'centre-social',
    name: 'Centre social de votre quartier',
    kind: 'centreSocial',
    address: '',
    openingHours: '',
    phone: '',
    serves: ['learn', 'language', 'security'],
  },
  {
    id: 'france-services',
    name: 'France Services',
    kind: 'franceServices',
    address: '',
    openingHours: '',
    phone: '',
    serves: ['procedure'],
  },
  {
    id: 'aidants-connect',
    name: 'Structure habilitée Aidants Connect',
    kind: 'aidantsConnect',
    address: '',
    openingHours: '',
    phone: '',
    serves: ['procedure'],
  },
  {
    id: 'conseillers-numeriques',
    name: 'Conseillers numériques',
    kind: 'conseillerNumerique',
    address: '',
    openingHours: '',
    phone: '',
    serves: ['learn', 'security', 'procedure'],
  },
  {
    id: 'ladapt-cambrai',
    name: "L'ADAPT Cambrai",
    kind: 'adapt',
    address: '121 route de Solesmes, 59400 Cambrai',
    openingHours: '',
    phone: '03 27 72 25 00',
    serves: ['disability'],
  },
  {
    id: 'pass-numerique',
    name: 'Pass numérique (Région Hauts-de-France)',
    kind: 'passNumerique',
    address: '',
    openingHours: '',
    phone: '',
    serves: ['equipment', 'learn'],
  },
];
