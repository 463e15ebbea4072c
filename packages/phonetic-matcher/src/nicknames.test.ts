import { describe, expect, it } from 'vitest';
import { createNameIndex } from './api.js';
import { NICKNAME_GROUPS, NICKNAME_TABLE } from './nicknames.js';

const lower = (s: string): string => s.toLowerCase();
const pairs = NICKNAME_TABLE.flatMap((g) => g.forms.map((f) => ({ name: g.name, form: f, g })));

/** Pairs named in issue #11 that must stay in the table. */
const ISSUE_PAIRS: readonly (readonly [string, string])[] = [
  ['Katharina', 'Kathi'],
  ['Michael', 'Michi'],
  ['Sabine', 'Bine'],
  ['Elisabeth', 'Lisa'],
  ['Tobias', 'Tobi'],
  ['Ursula', 'Uschi'],
  ['Franziska', 'Franzi'],
  ['Maximilian', 'Max'],
  ['Sebastian', 'Basti'],
  ['Josef', 'Sepp'],
  ['Stefanie', 'Steffi'],
  ['Christian', 'Chris'],
  ['Christina', 'Chris'],
  ['Christoph', 'Chris'],
  ['Christopher', 'Chris'],
  ['Alexander', 'Alex'],
  ['Alexandra', 'Alex'],
];

/** The only pairs allowed without a source: named in issue #11, no source found yet. */
const UNVERIFIED_ALLOWED = new Set(['sabine>bine']);

describe('nickname table', () => {
  it('has well-formed groups: a full name, at least one form, no self pair, no repeats', () => {
    for (const g of NICKNAME_TABLE) {
      expect(g.name.trim()).toBe(g.name);
      expect(g.forms.length).toBeGreaterThan(0);
      expect(g.forms.map(lower)).not.toContain(lower(g.name));
      expect(new Set(g.forms.map(lower)).size).toBe(g.forms.length);
    }
    const keys = pairs.map((p) => `${lower(p.name)}>${lower(p.form)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('cites a source for every pair; only allow-listed pairs are unverified', () => {
    for (const { name, form, g } of pairs) {
      if (g.source.kind === 'page') expect(g.source.url).toMatch(/^https?:\/\/[^\s/]+\/\S*$/);
      if (g.source.kind === 'unverified') {
        expect(UNVERIFIED_ALLOWED.has(`${lower(name)}>${lower(form)}`)).toBe(true);
        expect(g.source.note.length).toBeGreaterThan(0);
      }
    }
  });

  it('keeps every pair named in issue #11, sourced unless allow-listed', () => {
    for (const [name, form] of ISSUE_PAIRS) {
      const hit = pairs.find((p) => p.name === name && p.form === form);
      expect(hit, `${name} → ${form}`).toBeDefined();
      if (!UNVERIFIED_ALLOWED.has(`${lower(name)}>${lower(form)}`)) {
        expect(hit?.g.source.kind).not.toBe('unverified');
      }
    }
  });

  it('derives NICKNAME_GROUPS (full name first) from the table', () => {
    expect(NICKNAME_GROUPS).toHaveLength(NICKNAME_TABLE.length);
    NICKNAME_TABLE.forEach((g, i) => expect(NICKNAME_GROUPS[i]).toEqual([g.name, ...g.forms]));
  });

  it('merges groups of the same full name from different sources when matching', () => {
    const index = createNameIndex([{ id: 'k', name: 'Katharina Hofmann' }]);
    expect(index.match('Kathi Hofmann').best?.id).toBe('k');
    expect(index.match('Katja Hofmann').best?.id).toBe('k');
    expect(index.match('Trina Hofmann').best?.id).toBe('k');
  });
});
