/**
 * Checking what an adopter passes in: options (defaults applied), entries (a fast path for the
 * plain shape, zod for the message of a malformed one) and snapshots.
 *
 * @internal
 */
import { z } from 'zod';
import { EntryError, MatcherConfigError, SnapshotError } from './errors.js';
import type {
  NameIndexEvent,
  NameIndexOptions,
  NameIndexSnapshot,
  NameIndexSnapshotV1,
} from './index-types.js';
import { foldText, parseQuery } from './normalize.js';
import type { ParsedQuery } from './normalize.js';
import type { Variant } from './store.js';
import type { NameEntry } from './types.js';

const optionsSchema = z.object({
  limit: z.number().int().min(1).max(100).optional(),
  minScore: z.number().min(0).max(1).optional(),
  ambiguityMargin: z.number().min(0).max(1).optional(),
  cacheSize: z.number().int().min(0).max(1_000_000).optional(),
  maxInputChars: z.number().int().min(1).max(100_000).optional(),
  nicknames: z.array(z.array(z.string().min(1)).min(2)).optional(),
  builtinNicknames: z.boolean().optional(),
  onEvent: z.custom<(e: NameIndexEvent) => void>((v) => typeof v === 'function').optional(),
});

/** Options with their defaults applied. */
export interface Config {
  limit: number;
  minScore: number;
  ambiguityMargin: number;
  cacheSize: number;
  maxInputChars: number;
  nicknameGroups: string[][];
  onEvent: ((event: NameIndexEvent) => void) | undefined;
}

/** Validate options (throws {@link MatcherConfigError}) and apply the defaults. */
export function validateOptions(
  options: NameIndexOptions,
  builtin: readonly (readonly string[])[],
): Config {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MatcherConfigError(
      issue?.path.join('.') ?? '(root)',
      issue?.message ?? 'invalid',
      parsed.error,
    );
  }
  const o = parsed.data;
  const groups = [...(o.builtinNicknames === false ? [] : builtin), ...(o.nicknames ?? [])];
  return {
    limit: o.limit ?? 5,
    minScore: o.minScore ?? 0.82,
    ambiguityMargin: o.ambiguityMargin ?? 0.04,
    cacheSize: o.cacheSize ?? 1000,
    maxInputChars: o.maxInputChars ?? 200,
    nicknameGroups: groups.map((g) => g.map((n) => foldText(n)).filter((n) => n !== '')),
    onEvent: o.onEvent,
  };
}

const entrySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string()).optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  title: z.string().optional(),
  gender: z.enum(['m', 'f', 'x']).optional(),
  role: z.string().optional(),
});

/** The shape {@link entrySchema} checks, without building zod's result (the fast path). */
function plainEntry(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const x = e as Record<string, unknown>;
  if (typeof x.id !== 'string' || x.id === '' || typeof x.name !== 'string' || x.name === '') {
    return false;
  }
  for (const k of ['firstName', 'lastName', 'title', 'role']) {
    if (x[k] !== undefined && typeof x[k] !== 'string') return false;
  }
  if (x.gender !== undefined && x.gender !== 'm' && x.gender !== 'f' && x.gender !== 'x') {
    return false;
  }
  return (
    x.aliases === undefined ||
    (Array.isArray(x.aliases) && x.aliases.every((a) => typeof a === 'string'))
  );
}

/** Validate an entry (throws {@link EntryError}); `parse` reads its name. */
export function checkEntry(
  entry: unknown,
  parse: (text: string) => ParsedQuery = (t) => parseQuery(t),
): NameEntry {
  const parsed = plainEntry(entry) ? undefined : entrySchema.safeParse(entry);
  if (parsed !== undefined && !parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EntryError(
      'E_ENTRY_INVALID',
      issue?.path.join('.') ?? '(root)',
      issue?.message ?? 'invalid',
    );
  }
  const e = entry as NameEntry;
  if (parse(e.name).tokens.length === 0) {
    throw new EntryError('E_ENTRY_INVALID', 'name', 'name has no letters or digits');
  }
  return e;
}

/** The kind of a stored form, unknown kinds read as `name`. */
export function kindOf(kind: string): Variant['kind'] {
  return kind === 'alias' || kind === 'nickname' ? kind : 'name';
}

/** @internal */
export function snapshotOk(s: unknown): asserts s is NameIndexSnapshot | NameIndexSnapshotV1 {
  const v = (s as { version?: unknown } | null)?.version;
  if (
    typeof s !== 'object' ||
    s === null ||
    (v !== 1 && v !== 2) ||
    !Array.isArray((s as { entries?: unknown }).entries) ||
    (v === 2 && !Array.isArray((s as { tokens?: unknown }).tokens))
  ) {
    throw new SnapshotError(
      'expected { version: 2, tokens: [...], entries: [...] } (or version 1)',
    );
  }
}
