/** Hypocorism groups (filled in by issue #11). */
export const NICKNAME_GROUPS: readonly (readonly string[])[] = [];
