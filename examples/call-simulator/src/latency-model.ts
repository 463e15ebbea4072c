// The old system's latency model for a phone call: every agent turn costs an LLM turn (~1 s)
// plus its tool round trips plus the time to speak its words; every caller turn the time to say
// its words plus the end-of-speech detection. Durations come out in milliseconds.

/** One turn of a conversation, as the model sees it. */
export type Turn =
  | { readonly who: 'caller'; readonly text: string }
  | { readonly who: 'agent'; readonly text: string; readonly toolMs?: readonly number[] };

/** Parameters of the model (the old analysis's figures). */
export interface LatencyModel {
  /** One LLM turn. */
  readonly llmTurnMs: number;
  /** Speech out (TTS) per word, ~150 words per minute. */
  readonly speakMsPerWord: number;
  /** Speech in per word (callers speak a little slower on the phone). */
  readonly listenMsPerWord: number;
  /** End-of-speech detection after each caller turn. */
  readonly endpointingMs: number;
  /** Time until the agent's first words (pick up, greeting starts). */
  readonly pickupMs: number;
}

/** The defaults: LLM turn 1 s, 150 wpm out, 130 wpm in, 500 ms endpointing, 1.5 s pick-up. */
export const OLD_SYSTEM_MODEL: LatencyModel = {
  llmTurnMs: 1000,
  speakMsPerWord: 400,
  listenMsPerWord: 460,
  endpointingMs: 500,
  pickupMs: 1500,
};

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/**
 * The predicted duration of a call.
 *
 * @param turns - The conversation with each agent turn's tool round trips.
 * @param model - The model's parameters.
 * @returns Milliseconds from pick-up to the goodbye.
 */
export function predictCallMs(
  turns: readonly Turn[],
  model: LatencyModel = OLD_SYSTEM_MODEL,
): number {
  let ms = model.pickupMs;
  for (const turn of turns) {
    if (turn.who === 'caller') {
      ms += words(turn.text) * model.listenMsPerWord + model.endpointingMs;
    } else {
      ms += model.llmTurnMs + (turn.toolMs ?? []).reduce((a, b) => a + b, 0);
      ms += words(turn.text) * model.speakMsPerWord;
    }
  }
  return ms;
}

/**
 * The `q` quantile (0–1) of `values` (nearest rank).
 *
 * @param values - Samples.
 * @param q - The quantile.
 * @returns The sample at that rank, NaN for no samples.
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN
  );
}
