import type { Locale, Spoken } from '@voicebook/booking-engine';

/** Retell truncates a tool answer at this many characters; answers stay well below. */
export const RETELL_ANSWER_LIMIT = 15_000;
/** What the handler keeps every answer under (room for Retell's own framing). */
export const ANSWER_BUDGET = 12_000;

/** A tool's answer: `say` is what the agent speaks; the other fields are for the LLM's logic. */
export interface ToolAnswer {
  /** A short sentence in the tenant's language. */
  readonly say: string;
  /** Machine-readable outcome, e.g. `available`, `booked`, `ambiguous`. */
  readonly result: string;
  readonly [field: string]: unknown;
}

/** The sentence of `spoken` in `locale`. */
export function speak(spoken: Spoken, locale: Locale): string {
  return locale === 'de' ? spoken.de : spoken.en;
}

/** `de` or `en` text in one expression. */
export function say(locale: Locale, de: string, en: string): string {
  return locale === 'de' ? de : en;
}

/**
 * Serialises an answer, guaranteed under {@link ANSWER_BUDGET} characters: arrays are cut first,
 * then the structured fields are dropped, then `say` is shortened.
 *
 * @param answer - the answer.
 * @returns JSON text.
 */
export function serialiseAnswer(answer: ToolAnswer): string {
  let json = JSON.stringify(answer);
  if (json.length <= ANSWER_BUDGET) return json;
  const cut: Record<string, unknown> = { ...answer, truncated: true };
  for (const [key, value] of Object.entries(cut)) {
    if (Array.isArray(value)) cut[key] = value.slice(0, 3);
  }
  json = JSON.stringify(cut);
  if (json.length <= ANSWER_BUDGET) return json;
  return JSON.stringify({
    say: answer.say.slice(0, 1000),
    result: answer.result.slice(0, 100),
    truncated: true,
  });
}
