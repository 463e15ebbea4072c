import { normalizeName, type NameIndex } from '@voicebook/phonetic-matcher';
import type { Service } from '../types.js';

/** Words around a service name in a spoken wish ("ich hätte gern einen Haarschnitt"). */
const FILLERS = new Set(
  (
    'ich moechte moecht haette gern gerne bitte einen eine einem einer ein den die das der dem ' +
    'zum zur fuer mal termin lassen machen mir meine meinen mein haben hatte buchen wuerde ' +
    'und oder mit auch dann noch ' +
    'i id would like to a an the for please book appointment get have my me some and or with also'
  ).split(' '),
);

/** Shortest service name or synonym that counts when found inside a longer word. */
const MIN_EMBEDDED_CHARS = 5;

/**
 * When a whole phrase names no service, finds the one service it mentions: the phrase without
 * filler words, then each word and pair of words, then a name or synonym inside a compound
 * (`Herrenhaarschnitt`, `Beratungsgespräch`). Answers the ids of the services found: one is a
 * match, several ("Schnitt und Färben") make the caller choose; in the tenant's order.
 * @internal
 */
export function serviceInPhrase(
  index: NameIndex,
  services: readonly Service[],
  spoken: string,
): string[] {
  const words = normalizeName(spoken)
    .split(' ')
    .filter((w) => w !== '' && !FILLERS.has(w));
  if (words.length === 0) return [];
  const matched = (q: string) => {
    const r = index.match(q);
    return r.verdict === 'match' ? r.best?.id : undefined;
  };
  const core = matched(words.join(' '));
  if (core !== undefined) return [core];
  const found = new Set<string>();
  words.forEach((w, i) => {
    const one = matched(w);
    if (one !== undefined) found.add(one);
    const next = words[i + 1];
    const two = next === undefined ? undefined : matched(`${w} ${next}`);
    if (two !== undefined) found.add(two);
  });
  if (found.size === 0) {
    const joined = words.join('');
    for (const s of services) {
      const forms = [s.name, ...s.synonyms].map((f) => normalizeName(f).replace(/ /g, ''));
      if (forms.some((f) => f.length >= MIN_EMBEDDED_CHARS && joined.includes(f))) found.add(s.id);
    }
  }
  return services.filter((s) => found.has(s.id)).map((s) => s.id);
}
