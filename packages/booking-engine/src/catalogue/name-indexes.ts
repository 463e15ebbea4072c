import {
  createNameIndex,
  normalizeName,
  type MatchResult,
  type NameEntry,
  type NameIndex,
  type NameIndexOptions,
} from '@voicebook/phonetic-matcher';
import type { NameResolution } from '../engine-api.js';
import { BookingEngineError } from '../errors.js';
import type { TenantDirectory } from '../ports/tenant-directory.js';
import type { Service, Spoken, StaffMember, Tenant } from '../types.js';
import { listServices } from './list-services.js';
import { serviceInPhrase } from './service-phrases.js';

/** Options of {@link TenantNameIndexes}. */
export interface TenantNameIndexesOptions {
  /**
   * The directory whose `onChange` drops a tenant's indexes, so the next resolution rebuilds them.
   * Without one, indexes are rebuilt whenever a different tenant object (by reference) is passed.
   */
  directory?: TenantDirectory | undefined;
  /** Options of every phonetic index built (`minScore`, `limit`, nicknames …). @default matcher defaults */
  matcher?: NameIndexOptions | undefined;
  /**
   * Most turns replayed from `state`; a longer state starts over with the new answer alone.
   * @default 6
   */
  maxTurns?: number | undefined;
}

interface Built {
  readonly tenant: Tenant;
  services?: NameIndex;
  staff?: NameIndex;
}

/** "Nein, …" / "No, …" before a new name. */
const NO_PREFIX = /^\s*(?:nein|nee|ne|no|nope)\b[\s,.;:!-]*/iu;

const GENDER = { female: 'f', male: 'm', diverse: 'x' } as const;

/** The name as the agent says it: `Dr. Stefan Schmidt`. */
function staffName(m: StaffMember): string {
  return [m.title, m.firstName, m.lastName].filter((p) => p !== undefined && p !== '').join(' ');
}

function staffEntry(m: StaffMember): NameEntry {
  return {
    id: m.id,
    name: staffName(m),
    firstName: m.firstName,
    lastName: m.lastName,
    title: m.title,
    gender: m.gender === undefined ? undefined : GENDER[m.gender],
  };
}

function joinOr(items: readonly string[], or: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${or} ${items.at(-1) ?? ''}`; // prettier-ignore
}

/** Candidates that differ only in how their last name is spelled need the spelling question. */
function onlySpellingDiffers(candidates: readonly StaffMember[]): boolean {
  const first = (m: StaffMember) => `${normalizeName(m.title ?? '')}|${normalizeName(m.firstName ?? '')}`; // prettier-ignore
  return candidates.every((c) => first(c) === first(candidates[0] ?? c));
}

function question(result: MatchResult, labels: readonly string[], spelling: boolean): Spoken {
  const c = result.clarification;
  if (spelling && c?.spellingDe !== undefined && c.spellingEn !== undefined) {
    return { de: c.spellingDe, en: c.spellingEn };
  }
  if (c !== undefined) return { de: c.de, en: c.en };
  return {
    de: `Meinen Sie ${joinOr(labels, 'oder')}?`,
    en: `Do you mean ${joinOr(labels, 'or')}?`,
  };
}

/**
 * Resolves spoken service and staff names per tenant with `@voicebook/phonetic-matcher`: one
 * index of services (name + synonyms) and one of staff (first and last name, title, gender) per
 * tenant, built on first use and rebuilt after the tenant changes. Multi-turn clarification is
 * stateless: each answer carries `state` (the turns so far), which goes back in with the
 * caller's next answer and is replayed on the index (`match` the first turn, `refine` with each
 * later one); an answer that is a new name instead of a clarification starts over.
 *
 * @example
 * ```ts
 * const names = new TenantNameIndexes({ directory });
 * let r = names.resolveStaff(tenant, 'Frau Schmidt');
 * if (r.verdict === 'ambiguous') r = names.resolveStaff(tenant, 'Sandra', r.state);
 * ```
 */
export class TenantNameIndexes {
  #built = new Map<string, Built>();
  #builds = 0;
  readonly #unsubscribe: (() => void) | undefined;
  readonly #trustDirectory: boolean;
  readonly #matcher: NameIndexOptions;
  readonly #maxTurns: number;

  /** @param options - See {@link TenantNameIndexesOptions}. */
  constructor(options: TenantNameIndexesOptions = {}) {
    this.#matcher = options.matcher ?? {};
    this.#maxTurns = options.maxTurns ?? 6;
    this.#trustDirectory = options.directory !== undefined;
    this.#unsubscribe = options.directory?.onChange((id) => this.invalidate(id));
  }

  /** How many phonetic indexes were built so far (a figure for monitoring and tests). */
  get builds(): number {
    return this.#builds;
  }

  /**
   * A spoken service name or synonym (ASR spellings included) to one of the tenant's services.
   *
   * @param tenant - The call's tenant.
   * @param spoken - What the caller said (`Harschnitt`, `Haare schneiden`).
   * @param state - `state` of the previous answer, when this is a reply to its question.
   * @returns `match`, `ambiguous` with the question to ask, or `none` with the services on offer.
   * @throws {@link BookingEngineError} `E_INVALID_INPUT` when `spoken` or `state` is not text.
   */
  resolveService(
    tenant: Tenant,
    spoken: string,
    state?: readonly string[],
  ): NameResolution<Service> {
    const index = this.#index(tenant, 'services');
    return this.#resolve(index, tenant.services, spoken, state, {
      labels: (list) => list.map((s) => s.name),
      spelling: () => false,
      inPhrase: (turn) => serviceInPhrase(index, tenant.services, turn),
      none: () => {
        const offer = listServices(tenant).say;
        return {
          de: `Diese Leistung finde ich leider nicht. ${offer.de}`,
          en: `Sorry, I could not find that service. ${offer.en}`,
        };
      },
    });
  }

  /**
   * A spoken staff name (`Frau Schmidt`, `Doktor Meyer`, `die Kathi`, a spelled name) to one of
   * the tenant's staff; several sound-alikes give a clarifying question (first name or spelling).
   *
   * @param tenant - The call's tenant.
   * @param spoken - What the caller said.
   * @param state - `state` of the previous answer, when this is a reply to its question.
   * @returns `match`, `ambiguous` with the question to ask, or `none`.
   * @throws {@link BookingEngineError} `E_INVALID_INPUT` when `spoken` or `state` is not text.
   */
  resolveStaff(
    tenant: Tenant,
    spoken: string,
    state?: readonly string[],
  ): NameResolution<StaffMember> {
    const index = this.#index(tenant, 'staff');
    return this.#resolve(index, tenant.staff, spoken, state, {
      labels: (list) => list.map(staffName),
      spelling: onlySpellingDiffers,
      none: () => {
        const few = tenant.staff.length > 0 && tenant.staff.length <= 5;
        const names = tenant.staff.map(staffName);
        return {
          de: `Diesen Namen finde ich bei uns leider nicht.${few ? ` Bei uns arbeiten ${joinOr(names, 'und')}.` : ''}`,
          en: `Sorry, I could not find that name.${few ? ` Our team is ${joinOr(names, 'and')}.` : ''}`,
        };
      },
    });
  }

  /** Drops a tenant's indexes; the next resolution for it rebuilds them. */
  invalidate(tenantId: string): void {
    this.#built.delete(tenantId);
  }

  /** Stops listening to the directory and drops every index. */
  close(): void {
    this.#unsubscribe?.();
    this.#built.clear();
  }

  #index(tenant: Tenant, kind: 'services' | 'staff'): NameIndex {
    let built = this.#built.get(tenant.id);
    if (built === undefined || (!this.#trustDirectory && built.tenant !== tenant)) {
      built = { tenant };
      this.#built.set(tenant.id, built);
    }
    let index = built[kind];
    if (index === undefined) {
      const entries =
        kind === 'services'
          ? built.tenant.services.map((s) => ({ id: s.id, name: s.name, aliases: s.synonyms }))
          : built.tenant.staff.map(staffEntry);
      index = createNameIndex(entries, this.#matcher);
      built[kind] = index;
      this.#builds++;
    }
    return index;
  }

  #resolve<T extends { id: string }>(
    index: NameIndex,
    items: readonly T[],
    spoken: string,
    state: readonly string[] | undefined,
    speech: {
      labels: (list: readonly T[]) => string[];
      spelling: (list: readonly T[]) => boolean;
      /** For a fresh query that names nothing as a whole: the one item it mentions. */
      inPhrase?: (turn: string) => string[];
      none: () => Spoken;
    },
  ): NameResolution<T> {
    if (typeof spoken !== 'string' || !(state ?? []).every((t) => typeof t === 'string')) {
      throw new BookingEngineError('E_INVALID_INPUT', 'a spoken name and its state must be text', false); // prettier-ignore
    }
    let turns = [...(state ?? []), spoken];
    if (turns.length > this.#maxTurns) turns = [spoken];
    let start = 0;
    let result = index.match(turns[0] ?? '');
    for (let i = 1; i < turns.length; i++) {
      const turn = turns[i] ?? '';
      const refined = result.verdict === 'ambiguous' ? index.refine(result, turn) : undefined;
      if (refined?.verdict === 'match') {
        result = refined;
        continue;
      }
      // Not a clarification that settled it: the answer may be a new name ("nein, Frau Hoffmann").
      const fresh = index.match(turn.replace(NO_PREFIX, ''));
      if (refined === undefined || fresh.verdict === 'match') {
        result = fresh;
        start = i;
      } else result = refined;
    }
    const newState = turns.slice(start);
    const byId = new Map(items.map((item) => [item.id, item]));
    if (result.verdict === 'match' && result.best !== undefined) {
      const value = byId.get(result.best.id);
      if (value !== undefined) return { verdict: 'match', value, state: newState };
    }
    const candidates = result.candidates.flatMap((c) => byId.get(c.id) ?? []);
    if (result.verdict === 'none' && newState.length === 1) {
      const found = (speech.inPhrase?.(newState[0] ?? '') ?? []).flatMap((id) => byId.get(id) ?? []); // prettier-ignore
      const [value] = found;
      if (found.length === 1 && value !== undefined) return { verdict: 'match', value, state: newState }; // prettier-ignore
      if (found.length > 1) {
        const say = question(result, speech.labels(found), false);
        return { verdict: 'ambiguous', candidates: found, say, state: newState };
      }
    }
    if (result.verdict === 'ambiguous' && candidates.length > 0) {
      const say = question(result, speech.labels(candidates), speech.spelling(candidates));
      return { verdict: 'ambiguous', candidates, say, state: newState };
    }
    return { verdict: 'none', say: speech.none(), state: newState };
  }
}
