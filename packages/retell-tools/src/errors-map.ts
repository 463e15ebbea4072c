import { isBookingEngineError, type Locale } from '@voicebook/booking-engine';
import type { ToolOutcome } from '@voicebook/slo-metrics';
import { say, speak, type ToolAnswer } from './answer.js';

/** How an engine error is answered. @internal */
export interface ErrorAnswer {
  readonly status: number;
  readonly answer: ToolAnswer;
  readonly outcome: ToolOutcome;
  readonly code: string;
}

const CLIENT_CODES = new Set(['E_TENANT_UNKNOWN', 'E_INVALID_INPUT']);
const DOMAIN_CODES = new Set([
  'E_POLICY',
  'E_SLOT_UNAVAILABLE',
  'E_SLOT_BUSY',
  'E_IN_PROGRESS',
  'E_IDEMPOTENCY_MISMATCH',
  'E_APPOINTMENT_NOT_FOUND',
  'E_APPOINTMENT_STATE',
  'E_CUSTOMER_REQUIRED',
  'E_PHONE_INVALID',
]);

/**
 * Maps an error thrown while running a tool to a speakable answer. Never a 5xx: a voice agent
 * needs something to say, and Retell retries server errors. An unknown tenant or invalid input is
 * a 400 (configuration or LLM mistake); everything else answers 200 with `result: 'error'`.
 * @internal
 */
export function answerForError(error: unknown, locale: Locale): ErrorAnswer {
  if (isBookingEngineError(error)) {
    const spoken =
      error.say !== undefined
        ? speak(error.say, locale)
        : say(
            locale,
            'Das hat leider gerade nicht geklappt. Bitte versuchen wir es gleich noch einmal.',
            "Sorry, that didn't work just now. Let's try again in a moment.",
          );
    const answer: ToolAnswer = {
      result: 'error',
      say: spoken,
      code: error.code,
      retryable: error.retryable,
    };
    if (CLIENT_CODES.has(error.code)) {
      return { status: 400, answer, outcome: 'client_error', code: error.code };
    }
    return {
      status: 200,
      answer,
      outcome: DOMAIN_CODES.has(error.code) ? 'client_error' : 'error',
      code: error.code,
    };
  }
  return {
    status: 200,
    answer: {
      result: 'error',
      code: 'E_INTERNAL',
      retryable: true,
      say: say(
        locale,
        'Entschuldigung, da ist ein technisches Problem aufgetreten.',
        'Sorry, there was a technical problem.',
      ),
    },
    outcome: 'error',
    code: 'E_INTERNAL',
  };
}
