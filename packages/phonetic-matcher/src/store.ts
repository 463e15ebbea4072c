/**
 * Interned name tokens and their blocking postings. Every distinct token text is keyed once
 * (Kölner Phonetik, Double Metaphone, NYSIIS, sound spelling) however many entries carry it, and
 * the postings map a phonetic key to the few distinct tokens that have it, each of which lists
 * its entries. Queries therefore touch distinct tokens first and entries only where every part
 * of the query agrees.
 *
 * @internal
 */
import { blockingKeys, keyToken } from './normalize.js';
import type { KeyedToken } from './normalize.js';
import type { NameEntry } from './types.js';

/** A distinct indexed token: its keys, a dense id for per-query scratch arrays, its entries. */
export interface Tok extends KeyedToken {
  id: number;
  slots: Slot[];
}

/** One indexed form of an entry: its name, an alias or a nickname form. */
export interface Variant {
  /** The text as given; absent for a nickname form (its tokens are its text). */
  text?: string;
  kind: 'name' | 'alias' | 'nickname';
  tokens: Tok[];
}

/** An indexed entry. `mark`/`mask` are per-query scratch (stamped with the query's epoch). */
export interface Slot {
  entry: NameEntry;
  variants: Variant[];
  /** Distinct tokens over all variants. */
  toks: Tok[];
  /** Fewest tokens of any variant (bounds the partial-name penalty). */
  minLen: number;
  gender: 'm' | 'f' | 'x' | undefined;
  title: 'dr' | 'prof' | undefined;
  roleTokens: string[];
  mark: number;
  mask: number;
}

/** Interned tokens and key → tokens postings. */
export class TokenStore {
  readonly #byText = new Map<string, Tok>();
  readonly #postings = new Map<string, Tok[]>();
  #next = 0;

  /** Number of token ids handed out (size of per-query scratch arrays). */
  get capacity(): number {
    return this.#next;
  }

  /** The interned token for `text`, keyed now if new (`keyed` gives precomputed keys). */
  intern(text: string, keyed?: () => KeyedToken): Tok {
    const have = this.#byText.get(text);
    if (have) return have;
    const k = keyed ? keyed() : keyToken(text);
    const tok: Tok = { ...k, t: text, id: this.#next++, slots: [] };
    this.#byText.set(text, tok);
    for (const key of blockingKeys(tok)) {
      const p = this.#postings.get(key);
      if (p) p.push(tok);
      else this.#postings.set(key, [tok]);
    }
    return tok;
  }

  /** Keys of a query token: the interned ones when the text is indexed, else computed. */
  keyed(text: string): KeyedToken {
    return this.#byText.get(text) ?? keyToken(text);
  }

  /** Whether some entry carries this exact token. */
  has(text: string): boolean {
    return (this.#byText.get(text)?.slots.length ?? 0) > 0;
  }

  /** Distinct tokens sharing `key`. */
  postings(key: string): readonly Tok[] | undefined {
    return this.#postings.get(key);
  }

  /** List `slot` under each of its tokens. */
  attach(slot: Slot): void {
    for (const t of slot.toks) t.slots.push(slot);
  }

  /** Unlist `slot` (tokens left without entries stay interned and match nothing). */
  detach(slot: Slot): void {
    for (const t of slot.toks) {
      const i = t.slots.indexOf(slot);
      if (i < 0) continue;
      const last = t.slots.pop() as Slot;
      if (i < t.slots.length) t.slots[i] = last;
    }
  }
}
