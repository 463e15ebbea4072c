import type { Appointment } from '@voicebook/booking-engine';
import { say, speak, type ToolAnswer } from '../answer.js';
import { isYes, type ToolArgs } from '../schemas.js';
import { appointmentView, findWhen, needCaller, spokenStart, type ToolRun } from './common.js';

/** At most this many appointments are read out or listed. */
const MAX_LISTED = 5;

/** `get_customer_appointments`: the caller's own upcoming appointments. @internal */
export async function getCustomerAppointments(run: ToolRun): Promise<ToolAnswer> {
  const caller = needCaller(run);
  if (!caller.ok) return caller.answer;
  const all = await run.engine.getCustomerAppointments(run.ctx);
  const listed = all.slice(0, MAX_LISTED).map((a) => appointmentView(a, run));
  if (listed.length === 0) {
    return {
      result: 'none',
      say: say(
        run.locale,
        'Ich finde keine anstehenden Termine.',
        "I can't find any upcoming appointments.",
      ),
      appointments: [],
    };
  }
  const spoken = listed
    .map((a) => `${a.service} ${say(run.locale, 'am', 'on')} ${a.when}`)
    .join('; ');
  return {
    result: 'found',
    say: say(
      run.locale,
      `Sie haben ${all.length === 1 ? 'einen Termin' : `${all.length} Termine`}: ${spoken}.`,
      `You have ${all.length === 1 ? 'one appointment' : `${all.length} appointments`}: ${spoken}.`,
    ),
    appointments: listed,
    total: all.length,
  };
}

/** Which of the caller's appointments is meant: by id, by day, or the only one. @internal */
async function pickAppointment(
  run: ToolRun,
  id: string | undefined,
  date: string | undefined,
): Promise<{ ok: true; value: Appointment } | { ok: false; answer: ToolAnswer }> {
  const caller = needCaller(run);
  if (!caller.ok) return caller;
  const all = await run.engine.getCustomerAppointments(run.ctx);
  let matches = all;
  if (id !== undefined) matches = all.filter((a) => a.id === id);
  else if (date !== undefined) {
    const when = findWhen(run, date, undefined);
    if (!when.ok) return when;
    matches = all.filter((a) => a.start.startsWith(when.value.date));
  }
  const [only] = matches;
  if (matches.length === 1 && only) return { ok: true, value: only };
  if (matches.length === 0) {
    return {
      ok: false,
      answer: {
        result: 'not_found',
        say: say(run.locale, 'Diesen Termin finde ich nicht.', "I can't find that appointment."),
        appointments: all.slice(0, MAX_LISTED).map((a) => appointmentView(a, run)),
      },
    };
  }
  return {
    ok: false,
    answer: {
      result: 'which_appointment',
      say: say(run.locale, 'Welchen Termin meinen Sie?', 'Which appointment do you mean?'),
      appointments: matches.slice(0, MAX_LISTED).map((a) => appointmentView(a, run)),
    },
  };
}

/** The cancel step once the appointment is known (may run past the budget). @internal */
export type CancelPlan = { readonly appointmentId: string; readonly reason?: string | undefined };

/** Resolves `cancel_appointment` to one appointment, or the question / read-back. @internal */
export async function prepareCancel(
  run: ToolRun,
  args: ToolArgs['cancel_appointment'],
): Promise<{ ok: true; value: CancelPlan } | { ok: false; answer: ToolAnswer }> {
  const picked = await pickAppointment(run, args.appointment_id, args.date);
  if (!picked.ok) return picked;
  if (!isYes(args.confirmed)) {
    const view = appointmentView(picked.value, run);
    return {
      ok: false,
      answer: {
        result: 'confirmation_needed',
        say: say(
          run.locale,
          `Soll ich ${view.service} am ${view.when} absagen?`,
          `Shall I cancel ${view.service} on ${view.when}?`,
        ),
        appointment_id: view.id,
      },
    };
  }
  return { ok: true, value: { appointmentId: picked.value.id, reason: args.reason } };
}

/** The reschedule step once the appointment and new start are known. @internal */
export type ReschedulePlan = { readonly appointmentId: string; readonly start: string };

/** Resolves `reschedule_appointment` to one appointment and an ISO start. @internal */
export async function prepareReschedule(
  run: ToolRun,
  args: ToolArgs['reschedule_appointment'],
): Promise<{ ok: true; value: ReschedulePlan } | { ok: false; answer: ToolAnswer }> {
  const picked = await pickAppointment(run, args.appointment_id, undefined);
  if (!picked.ok) return picked;
  const when = findWhen(run, args.date, args.time);
  if (!when.ok) return when;
  const start = when.value.start;
  if (start === undefined) {
    return {
      ok: false,
      answer: {
        result: 'time_missing',
        say: say(
          run.locale,
          'Um wie viel Uhr soll der neue Termin sein?',
          'What time should the new appointment be?',
        ),
      },
    };
  }
  if (!isYes(args.confirmed)) {
    return {
      ok: false,
      answer: {
        result: 'confirmation_needed',
        say: say(
          run.locale,
          `Ich verschiebe den Termin also auf ${spokenStart(start, run.ctx, run.locale)}. Richtig?`,
          `So I move it to ${spokenStart(start, run.ctx, run.locale)}. Is that right?`,
        ),
        appointment_id: picked.value.id,
        start,
      },
    };
  }
  return { ok: true, value: { appointmentId: picked.value.id, start } };
}

/** Answer of a finished cancel. @internal */
export function cancelAnswer(
  run: ToolRun,
  appointment: Appointment,
  spoken: { de: string; en: string },
): ToolAnswer {
  return { result: 'cancelled', say: speak(spoken, run.locale), appointment_id: appointment.id };
}
