/**
 * The best `keep` scored entries of one ranking, best first (ties by name).
 *
 * @internal
 */
import type { Scored } from './ranker.js';

/** The best `keep` scored entries seen so far, in order. */
export class Held {
  readonly #keep: number;
  readonly #items: Scored[] = [];

  constructor(keep: number) {
    this.#keep = keep;
  }

  get size(): number {
    return this.#items.length;
  }

  /** The `keep`-th best score, or -1 while fewer are held. */
  get kth(): number {
    return this.#items.length >= this.#keep ? (this.#items[this.#keep - 1]?.score ?? -1) : -1;
  }

  /** The best score held (0 when none). */
  get top(): number {
    return this.#items[0]?.score ?? 0;
  }

  add(x: Scored): void {
    const items = this.#items;
    let at = items.length;
    while (at > 0 && before(x, items[at - 1] as Scored)) at--;
    items.splice(at, 0, x);
    if (items.length > this.#keep) items.length = this.#keep;
  }

  sorted(): Scored[] {
    return this.#items;
  }
}

function before(a: Scored, b: Scored): boolean {
  return a.score > b.score || (a.score === b.score && a.slot.entry.name < b.slot.entry.name);
}
