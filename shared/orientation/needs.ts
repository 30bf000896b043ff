/**
 * What a next step answers. Orientation rules emit these; places declare which they serve;
 * the export counts them. Apart from the directory's schema (directory.ts) so that counting
 * does not load the schema library (`reperes export`, issue 13).
 */
export const HELP_NEEDS = ['learn', 'procedure', 'disability', 'equipment', 'language', 'security'] as const;
export type HelpNeed = (typeof HELP_NEEDS)[number];
