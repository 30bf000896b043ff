/** How a visit ended, as the tables count it (record.ts checks it, tables.ts counts it). */
export const SESSION_STATUSES = ['completed', 'abandoned'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
