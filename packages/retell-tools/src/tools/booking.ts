import type { BookResult } from '@voicebook/booking-engine';
import { say, speak, type ToolAnswer } from '../answer.js';
import { isYes, type ToolArgs } from '../schemas.js';
import { findService, findStaff, findWhen, spokenStart, type ToolRun } from './common.js';

/** `check_availability`: is the wish free, else up to three alternatives. @internal */
export async function checkAvailability(
  run: ToolRun,
  args: ToolArgs['check_availability'],
): Promise<ToolAnswer> {
  const service = await findService(run, args.service);
  if (!service.ok) return service.answer;
  const staff = await findStaff(run, args.staff);
  if (!staff.ok) return staff.answer;
  const when = findWhen(run, args.date, args.time);
  if (!when.ok) return when.answer;
  const result = await run.engine.checkAvailability(
    run.ctx,
    {
      serviceId: service.value.id,
      staffId: staff.value?.id,
      ...(when.value.start !== undefined ? { start: when.value.start } : { date: when.value.date }),
    },
    run.readOptions,
  );
  return {
    result: result.available ? 'available' : 'unavailable',
    say: speak(result.say, run.locale),
    service_id: service.value.id,
    ...(staff.value ? { staff_id: staff.value.id } : {}),
    ...(result.start !== undefined ? { start: result.start } : {}),
    alternatives: result.alternatives.slice(0, 3).map((start) => ({
      start,
      when: spokenStart(start, run.ctx, run.locale),
    })),
    ...(result.policy !== undefined ? { policy: result.policy } : {}),
    ...(result.stale ? { stale: true } : {}),
  };
}

/** The spoken answer of a finished booking. @internal */
export function bookAnswer(run: ToolRun, result: BookResult): ToolAnswer {
  const base = { say: speak(result.say, run.locale), replayed: result.replayed };
  if (result.status === 'unavailable') {
    return {
      ...base,
      result: 'unavailable',
      alternatives: result.alternatives.slice(0, 3).map((start) => ({
        start,
        when: spokenStart(start, run.ctx, run.locale),
      })),
    };
  }
  return {
    ...base,
    result: result.status,
    appointment_id: result.appointment.id,
    start: result.appointment.start,
    when: spokenStart(result.appointment.start, run.ctx, run.locale),
  };
}

/** What `book_appointment` will book, once arguments are resolved. @internal */
export interface PreparedBooking {
  readonly serviceId: string;
  readonly staffId?: string | undefined;
  readonly start: string;
  readonly customerName?: string | undefined;
  readonly email?: string | undefined;
  readonly acceptPending: boolean;
}

/**
 * Resolves `book_appointment`'s arguments to exact ids and an ISO start (fast, no calendar), or
 * the answer to give instead: a question, or the read-back to confirm once.
 * @internal
 */
export async function prepareBooking(
  run: ToolRun,
  args: ToolArgs['book_appointment'],
): Promise<{ ok: true; value: PreparedBooking } | { ok: false; answer: ToolAnswer }> {
  const service = await findService(run, args.service);
  if (!service.ok) return service;
  const staff = await findStaff(run, args.staff);
  if (!staff.ok) return staff;
  const when = findWhen(run, args.date, args.time);
  if (!when.ok) return when;
  const start = when.value.start;
  if (start === undefined) {
    return {
      ok: false,
      answer: {
        result: 'time_missing',
        say: say(run.locale, 'Um wie viel Uhr möchten Sie kommen?', 'What time would you like?'),
      },
    };
  }
  const spoken = spokenStart(start, run.ctx, run.locale);
  if (!isYes(args.confirmed)) {
    return {
      ok: false,
      answer: {
        result: 'confirmation_needed',
        say: say(
          run.locale,
          `Ich buche also ${service.value.name} am ${spoken}. Ist das richtig?`,
          `So that's ${service.value.name} on ${spoken}. Shall I book it?`,
        ),
        service_id: service.value.id,
        start,
        hint: 'Ask once; call book_appointment again with confirmed true after a yes.',
      },
    };
  }
  return {
    ok: true,
    value: {
      serviceId: service.value.id,
      staffId: staff.value?.id,
      start,
      customerName: args.customer_name,
      email: args.email,
      acceptPending: isYes(args.accept_pending),
    },
  };
}
