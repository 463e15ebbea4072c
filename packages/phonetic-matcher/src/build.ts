/**
 * Building the index: the spoken forms (variants) of an entry, its slot, and the snapshot
 * format both ways. Tokens are interned in the shared {@link TokenStore}.
 *
 * @internal
 */
import { SnapshotError } from './errors.js';
import { checkEntry, kindOf } from './entries.js';
import type { NameIndexSnapshot, NameIndexSnapshotV1 } from './index-types.js';
import { foldText, soundKey } from './normalize.js';
import type { ParsedQuery } from './normalize.js';
import type { Slot, Tok, TokenStore, Variant } from './store.js';
import type { NameEntry } from './types.js';

/** What building an entry needs: the token store, the nickname forms, the name parser. */
export interface BuildContext {
  store: TokenStore;
  /** Per folded first name, its other hypocorisms. */
  nickIndex: ReadonlyMap<string, readonly string[]>;
  parse: (text: string) => ParsedQuery;
}

/** Shared empty role of entries without one. */
const NO_ROLE: string[] = [];

/** Per name of a hypocorism group, the other names of its groups. */
export function nicknameIndex(groups: readonly (readonly string[])[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const group of groups) {
    for (const n of group) {
      const others = group.filter((o) => o !== n);
      const prev = out.get(n);
      out.set(n, prev ? [...new Set([...prev, ...others])] : others);
    }
  }
  return out;
}

/** Every spoken form of an entry: name, first + last, joined compound first name, aliases, nicknames. */
export function variantsOf(ctx: BuildContext, entry: NameEntry): Variant[] {
  const out: Variant[] = [];
  const parse = ctx.parse;
  const push = (text: string, kind: Variant['kind'], keepText = true): void => {
    const toks = parse(text).tokens;
    if (toks.length === 0) return;
    if (
      out.some((v) => v.tokens.length === toks.length && v.tokens.every((t, i) => t.t === toks[i]))
    ) {
      return;
    }
    const tokens = toks.map((t) => ctx.store.intern(t));
    out.push(keepText ? { text, kind, tokens } : { kind, tokens });
  };
  push(entry.name, 'name');
  if (entry.firstName !== undefined && entry.lastName !== undefined) {
    push(`${entry.firstName} ${entry.lastName}`, 'name');
  }
  const firstToks = parse(entry.firstName ?? '').tokens;
  const lastToks = entry.lastName !== undefined ? parse(entry.lastName).tokens : undefined;
  // A compound first name said as one word (Hans-Peter → Hanspeter, Anne Marie → Annemarie).
  if (firstToks.length >= 2) {
    push([firstToks.join(''), ...(lastToks ?? [])].join(' '), 'name');
  }
  for (const a of entry.aliases ?? []) push(a, 'alias');
  // Nickname forms: replace the first name by each of its hypocorisms (their text is the
  // tokens, not stored twice).
  const first =
    entry.firstName !== undefined ? (foldText(entry.firstName).split(' ')[0] ?? '') : '';
  const base = out[0]?.tokens.map((t) => t.t) ?? [];
  const firstTok = first !== '' ? first : base.length > 1 ? (base[0] ?? '') : '';
  const nicks = ctx.nickIndex.get(firstTok);
  if (nicks) {
    const last = lastToks ?? base.filter((t) => t !== firstTok);
    for (const n of nicks) push([n, ...last].join(' '), 'nickname', false);
  }
  return out;
}

/** The slot of an entry with its variants (exact-length arrays). */
export function slotOf(ctx: BuildContext, entry: NameEntry, vs: readonly Variant[]): Slot {
  const toks: Tok[] = [];
  let minLen = Infinity;
  for (const v of vs) {
    for (const t of v.tokens) if (!toks.includes(t)) toks.push(t);
    minLen = Math.min(minLen, v.tokens.length);
  }
  // exact-length copies: arrays grown by push keep spare capacity (~100 bytes an entry)
  return {
    entry,
    variants: vs.slice(),
    toks: toks.slice(),
    minLen: Number.isFinite(minLen) ? minLen : 0,
    gender: entry.gender,
    title: ctx.parse(entry.title ?? '').title ?? ctx.parse(entry.name).title,
    roleTokens:
      entry.role !== undefined ? foldText(entry.role).split(' ').filter(Boolean) : NO_ROLE,
    mark: 0,
    mask: 0,
  };
}

/** Intern a token with the keys a snapshot stored (the sound key recomputed when absent). */
function internKeyed(store: TokenStore, k: readonly string[]): Tok {
  const [t = '', c = '', m1 = '', m2 = '', n = '', s] = k;
  return store.intern(t, () => ({ t, c, m1, m2, n, s: s ?? soundKey(t) }));
}

/** Each checked entry of a snapshot (format 2, or 1 as written before) with its variants. */
export function readSnapshot(
  ctx: BuildContext,
  snapshot: NameIndexSnapshot | NameIndexSnapshotV1,
  each: (entry: NameEntry, variants: Variant[]) => void,
): void {
  if (snapshot.version === 1) {
    for (const item of snapshot.entries) {
      const variants: Variant[] = item.variants.map((v) => ({
        text: v.text,
        kind: kindOf(v.kind),
        tokens: v.tokens.map((k) => internKeyed(ctx.store, k)),
      }));
      each(checkEntry(item.entry, ctx.parse), variants);
    }
    return;
  }
  const toks = snapshot.tokens.map((k) => internKeyed(ctx.store, k));
  for (const item of snapshot.entries) {
    const variants: Variant[] = item.variants.map((v) => {
      const tokens = v.tokens.map((i) => {
        const t = toks[i];
        if (t === undefined) throw new SnapshotError(`token ${String(i)} is not in the table`);
        return t;
      });
      const kind = kindOf(v.kind);
      return v.text !== undefined ? { text: v.text, kind, tokens } : { kind, tokens };
    });
    each(checkEntry(item.entry, ctx.parse), variants);
  }
}

/** The snapshot (format 2) of the slots: each distinct word once, entries by token index. */
export function writeSnapshot(slots: Iterable<Slot>): NameIndexSnapshot {
  const ids = new Map<Tok, number>();
  const tokens: string[][] = [];
  const idOf = (t: Tok): number => {
    let i = ids.get(t);
    if (i === undefined) {
      i = tokens.length;
      ids.set(t, i);
      tokens.push([t.t, t.c, t.m1, t.m2, t.n, t.s]);
    }
    return i;
  };
  const entries = [...slots].map((s) => ({
    entry: s.entry,
    variants: s.variants.map((v) => ({
      ...(v.text !== undefined ? { text: v.text } : {}),
      kind: v.kind,
      tokens: v.tokens.map(idOf),
    })),
  }));
  return { version: 2, tokens, entries };
}
