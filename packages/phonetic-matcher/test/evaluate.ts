import type { LabelledQuery } from './dataset.js';

/** What a matcher under evaluation returns: ranked ids and whether it claims a confident match. */
export interface Ranked {
  ids: string[];
  confident: boolean;
}

/** Accuracy figures over a labelled set. */
export interface Scores {
  top1: number;
  /** Positives answered with a confident match on the right target. */
  confidentTop1: number;
  mrr: number;
  falseMatchRate: number;
  positives: number;
  negatives: number;
}

/**
 * Top-1 accuracy, confident top-1 and MRR over positives; false-match rate (confident answer)
 * over negatives.
 */
export function evaluate(queries: readonly LabelledQuery[], run: (q: string) => Ranked): Scores {
  let top1 = 0;
  let confidentTop1 = 0;
  let rr = 0;
  let pos = 0;
  let neg = 0;
  let falseMatches = 0;
  for (const q of queries) {
    const r = run(q.query);
    if (q.targets.length === 0) {
      neg++;
      if (r.confident) falseMatches++;
      continue;
    }
    pos++;
    const rank = r.ids.findIndex((id) => q.targets.includes(id));
    if (rank === 0) top1++;
    if (rank === 0 && r.confident) confidentTop1++;
    if (rank >= 0) rr += 1 / (rank + 1);
  }
  return {
    top1: pos ? top1 / pos : 0,
    confidentTop1: pos ? confidentTop1 / pos : 0,
    mrr: pos ? rr / pos : 0,
    falseMatchRate: neg ? falseMatches / neg : 0,
    positives: pos,
    negatives: neg,
  };
}
