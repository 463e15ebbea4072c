import { createNameIndexWith } from './name-index.js';
import { snapshotOk } from './entries.js';
import type {
  NameIndex,
  NameIndexOptions,
  NameIndexSnapshot,
  NameIndexSnapshotV1,
} from './index-types.js';
import { NICKNAME_GROUPS } from './nicknames.js';
import { foldText } from './normalize.js';
import { refineResult } from './refine.js';
import type { NameEntry } from './types.js';
import { SnapshotError } from './errors.js';

/**
 * Build a phonetic name index over staff, customers or services. Phonetic keys (Kölner
 * Phonetik, Double Metaphone, NYSIIS) are computed once per entry; `match` looks up the small
 * candidate set sharing a key and re-ranks it with Jaro-Winkler.
 *
 * @param entries - the names to match against; each `id` unique.
 * @param options - limits, thresholds, nicknames, cache size and the event listener.
 * @returns the index, ready for `match` and `refine`.
 * @throws {@link MatcherConfigError} for invalid options; {@link EntryError} for a malformed
 * entry or a duplicate id.
 * @example
 * ```ts
 * const index = createNameIndex([
 *   { id: 's1', name: 'Petra Meyer', gender: 'f' },
 *   { id: 'svc-1', name: 'Haarschnitt' },
 * ]);
 * index.match('Frau Maier').best?.id; // 's1'
 * index.match('harschnit').best?.id; // 'svc-1'
 * ```
 */
export function createNameIndex(
  entries: readonly NameEntry[],
  options: NameIndexOptions = {},
): NameIndex {
  return createNameIndexWith(entries, options, NICKNAME_GROUPS, refineResult);
}

/**
 * Load an index from `index.toJSON()` without recomputing phonetic keys (build once on one
 * server, share the JSON).
 *
 * @param snapshot - what `index.toJSON()` returned (format 2; a version 1 snapshot still loads).
 * @param options - the same options as {@link createNameIndex}; they are not part of the snapshot.
 * @returns the index, equal in answers to the one that was saved.
 * @throws {@link SnapshotError} if the snapshot is malformed.
 * @example
 * ```ts
 * const json = JSON.stringify(createNameIndex(staff));
 * const index = loadNameIndex(JSON.parse(json));
 * ```
 */
export function loadNameIndex(
  snapshot: NameIndexSnapshot | NameIndexSnapshotV1,
  options: NameIndexOptions = {},
): NameIndex {
  snapshotOk(snapshot);
  const index = createNameIndexWith([], options, NICKNAME_GROUPS, refineResult);
  try {
    index.loadSnapshot(snapshot);
  } catch (e) {
    throw new SnapshotError('an entry is invalid', e);
  }
  return index;
}

/**
 * The normalisation used for matching: lower case, umlauts folded (ä → ae, ß → ss), other
 * diacritics and punctuation removed.
 *
 * @param name - any text.
 * @returns the folded, lower-case form, words separated by one space.
 * @example
 * ```ts
 * normalizeName('Müller-Lüdenscheidt'); // 'mueller luedenscheidt'
 * ```
 */
export function normalizeName(name: string): string {
  return foldText(name);
}
