// Values from raw queries ($queryRaw), which the two dialects type differently.

/** DATETIME comes back as a Date on MySQL and as ISO text on SQLite. */
export const rawDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
