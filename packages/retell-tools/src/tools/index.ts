import type { ToolAnswer } from '../answer.js';
import type { RetellToolName, ToolArgs } from '../schemas.js';
import {
  cancelAnswer,
  getCustomerAppointments,
  prepareCancel,
  prepareReschedule,
} from './appointments.js';
import { bookAnswer, checkAvailability, prepareBooking } from './booking.js';
import { appointmentView, spokenAlternatives, type ToolRun } from './common.js';
import { initializeCall, listServices, resolveName } from './info.js';
import { say, speak } from '../answer.js';

export type { ToolRun } from './common.js';

/** Tools that change the calendar: their late results are kept and reported. @internal */
export const WRITE_TOOLS: ReadonlySet<RetellToolName> = new Set([
  'book_appointment',
  'cancel_appointment',
  'reschedule_appointment',
]);

/** Runs one tool to its answer (engine errors propagate). @internal */
export async function runTool<K extends RetellToolName>(
  tool: K,
  run: ToolRun,
  args: ToolArgs[K],
  nowMs: number,
): Promise<ToolAnswer> {
  // The casts narrow `args` by the tool name, which TypeScript cannot correlate on its own.
  switch (tool) {
    case 'initialize_call':
      return initializeCall(run, nowMs);
    case 'list_services':
      return listServices(run, args as ToolArgs['list_services']);
    case 'check_availability':
      return checkAvailability(run, args as ToolArgs['check_availability']);
    case 'get_customer_appointments':
      return getCustomerAppointments(run);
    case 'resolve_name':
      return resolveName(run, args as ToolArgs['resolve_name']);
    case 'book_appointment': {
      const prepared = await prepareBooking(run, args as ToolArgs['book_appointment']);
      if (!prepared.ok) return prepared.answer;
      // No deadline on the write itself: it finishes behind a late answer and is reported.
      const result = await run.engine.book(run.ctx, prepared.value);
      return bookAnswer(run, result);
    }
    case 'cancel_appointment': {
      const plan = await prepareCancel(run, args as ToolArgs['cancel_appointment']);
      if (!plan.ok) return plan.answer;
      const result = await run.engine.cancel(run.ctx, plan.value);
      return cancelAnswer(run, result.appointment, result.say);
    }
    case 'reschedule_appointment': {
      const plan = await prepareReschedule(run, args as ToolArgs['reschedule_appointment']);
      if (!plan.ok) return plan.answer;
      const result = await run.engine.reschedule(run.ctx, plan.value);
      if (result.status === 'unavailable') {
        return {
          result: 'unavailable',
          say: speak(result.say, run.locale),
          alternatives: result.alternatives.slice(0, 3),
          alternatives_spoken: spokenAlternatives(result.alternatives, run),
        };
      }
      return {
        result: 'rescheduled',
        say: speak(result.say, run.locale),
        appointment: appointmentView(result.appointment, run),
      };
    }
    default:
      return { result: 'error', say: say(run.locale, 'Unbekanntes Werkzeug.', 'Unknown tool.') };
  }
}

/** The spoken fallback when a tool's budget ran out. @internal */
export function lateAnswer(tool: RetellToolName, run: ToolRun): ToolAnswer {
  if (WRITE_TOOLS.has(tool)) {
    return {
      result: 'in_progress',
      say: say(
        run.locale,
        'Einen Moment, der Kalender braucht gerade etwas länger. Ich bestätige es Ihnen gleich.',
        'One moment, the calendar is a little slow. I will confirm it in a moment.',
      ),
      hint: 'Call the same tool again with the same arguments to get the result.',
    };
  }
  return {
    result: 'timeout',
    say: say(
      run.locale,
      'Der Kalender antwortet gerade langsam. Darf ich es gleich noch einmal versuchen?',
      'The calendar is slow right now. May I try again in a moment?',
    ),
    retryable: true,
  };
}
