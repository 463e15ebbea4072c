/**
 * Maintainer check, run when the nickname table changes: every pair that `src/nicknames.ts`
 * attributes to carltonnorthern/nicknames must be a `has_nickname` row of that dataset's
 * `names.csv` (at the pinned commit; the file's SHA-256 is checked first). The dataset is not
 * vendored into this repository, so this is a script and not part of the test suite:
 *
 *   pnpm --filter @voicebook/phonetic-matcher verify:nicknames /path/to/names.csv
 *
 * Exits 1 and lists the pairs that the file does not contain.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  CARLTONNORTHERN_NAMES_COMMIT,
  CARLTONNORTHERN_NAMES_SHA256,
  NICKNAME_TABLE,
} from '../src/nicknames.js';

const csvPath = process.argv[2];
if (csvPath === undefined || csvPath === '') {
  console.error('usage: verify-nicknames <path to carltonnorthern/nicknames names.csv>');
  process.exit(2);
}
const raw = readFileSync(csvPath);
const sha = createHash('sha256').update(raw).digest('hex');
if (sha !== CARLTONNORTHERN_NAMES_SHA256) {
  console.error(
    `names.csv has SHA-256 ${sha}, expected ${CARLTONNORTHERN_NAMES_SHA256} (commit ${CARLTONNORTHERN_NAMES_COMMIT})`,
  );
  process.exit(1);
}
const rows = new Set(
  raw
    .toString('utf8')
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(','))
    .filter(([, rel]) => rel === 'has_nickname')
    .map(([a = '', , b = '']) => `${a}>${b}`),
);
const pairs = NICKNAME_TABLE.filter((g) => g.source.kind === 'carltonnorthern').flatMap((g) =>
  g.forms.map((f) => `${g.name.toLowerCase()}>${f.toLowerCase()}`),
);
const missing = pairs.filter((key) => !rows.has(key));
if (missing.length > 0) {
  console.error(`${String(missing.length)} of ${String(pairs.length)} pairs are not in names.csv:`);
  for (const key of missing) console.error(`  ${key}`);
  process.exit(1);
}
console.log(`all ${String(pairs.length)} carltonnorthern-sourced pairs are rows of names.csv`);
