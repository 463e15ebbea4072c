import type {
  Appointment,
  BookingEngine,
  CallContext,
  EngineCallOptions,
  Locale,
  Service,
  StaffMember,
} from '@voicebook/booking-engine';
import { say, speak, type ToolAnswer } from '../answer.js';

/** What every tool implementation gets. @internal */
export interface ToolRun {
  readonly engine: BookingEngine;
  readonly ctx: CallContext;
  readonly locale: Locale;
  /** Options for engine calls that only read (cut off at the tool's budget). */
  readonly readOptions: EngineCallOptions;
}

/** Either a value or the answer to give instead (a question, a refusal). @internal */
export type Step<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly answer: ToolAnswer };

const formats = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

/** The two formatters of a language and zone, built once (each costs ~50 µs to build). */
function formatsOf(tag: string, zone: string) {
  const key = `${tag}\n${zone}`;
  let f = formats.get(key);
  if (f === undefined) {
    f = {
      day: new Intl.DateTimeFormat(tag, {
        timeZone: zone,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
      }),
      time: new Intl.DateTimeFormat(tag, {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      }),
    };
    if (formats.size >= 1_000) formats.clear();
    formats.set(key, f);
  }
  return f;
}

/** A day and time, spoken in the tenant's zone and language. @internal */
export function spokenStart(iso: string, ctx: CallContext, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const f = formatsOf(locale === 'de' ? 'de-DE' : 'en-GB', ctx.tenant.zone);
  const day = f.day.format(date);
  const time = f.time.format(date);
  return locale === 'de' ? `${day} um ${time} Uhr` : `${day} at ${time}`;
}

/** A service by id, or by spoken name through the engine's matcher. @internal */
export async function findService(run: ToolRun, spoken: string): Promise<Step<Service>> {
  const byId = run.ctx.tenant.services.find((s) => s.id === spoken);
  if (byId) return { ok: true, value: byId };
  const found = await run.engine.resolveService(run.ctx, spoken);
  if (found.verdict === 'match') return { ok: true, value: found.value };
  if (found.verdict === 'ambiguous') {
    return {
      ok: false,
      answer: {
        result: 'service_ambiguous',
        say: speak(found.say, run.locale),
        candidates: found.candidates.slice(0, 5).map((s) => ({ id: s.id, name: s.name })),
      },
    };
  }
  return { ok: false, answer: { result: 'service_unknown', say: speak(found.say, run.locale) } };
}

/** A staff member by spoken name, when one was asked for. @internal */
export async function findStaff(
  run: ToolRun,
  spoken: string | undefined,
): Promise<Step<StaffMember | undefined>> {
  if (spoken === undefined) return { ok: true, value: undefined };
  const byId = run.ctx.tenant.staff.find((s) => s.id === spoken);
  if (byId) return { ok: true, value: byId };
  const found = await run.engine.resolveStaff(run.ctx, spoken);
  if (found.verdict === 'match') return { ok: true, value: found.value };
  return {
    ok: false,
    answer: {
      result: found.verdict === 'ambiguous' ? 'staff_ambiguous' : 'staff_unknown',
      say: speak(found.say, run.locale),
      hint: 'Call resolve_name with the caller’s answer.',
    },
  };
}

/** A spoken day (and time) through the engine's parser. @internal */
export function findWhen(
  run: ToolRun,
  date: string,
  time: string | undefined,
): Step<{ date: string; start?: string | undefined }> {
  const parsed = run.engine.parseDateTime(run.ctx, { date, time }, run.locale);
  if (parsed.ok) return { ok: true, value: { date: parsed.date, start: parsed.start } };
  return {
    ok: false,
    answer: { result: 'date_unclear', code: parsed.code, say: speak(parsed.say, run.locale) },
  };
}

/** A short spoken list of up to three starts. @internal */
export function spokenAlternatives(starts: readonly string[], run: ToolRun): string {
  const spoken = starts.slice(0, 3).map((s) => spokenStart(s, run.ctx, run.locale));
  if (spoken.length <= 1) return spoken.join('');
  const last = spoken.pop() ?? '';
  return `${spoken.join(', ')} ${say(run.locale, 'oder', 'or')} ${last}`;
}

/** An appointment as the LLM sees it: id, service, start, spoken start, status. @internal */
export function appointmentView(a: Appointment, run: ToolRun) {
  const service = run.ctx.tenant.services.find((s) => s.id === a.serviceId);
  const staff = run.ctx.tenant.staff.find((s) => s.id === a.staffId);
  return {
    id: a.id,
    service: (service?.name ?? a.serviceId).slice(0, 100),
    ...(staff ? { staff: `${staff.title ?? ''} ${staff.lastName}`.trim().slice(0, 100) } : {}),
    start: a.start,
    when: spokenStart(a.start, run.ctx, run.locale),
    status: a.status,
  };
}

/** The caller must be known (a readable caller number) for their own appointments. @internal */
export function needCaller(run: ToolRun): Step<true> {
  if (run.ctx.callerPhone !== undefined) return { ok: true, value: true };
  return {
    ok: false,
    answer: {
      result: 'caller_unknown',
      say: say(
        run.locale,
        'Ich kann Ihre Nummer leider nicht erkennen, daher finde ich Ihre Termine nicht.',
        "I can't see your phone number, so I can't find your appointments.",
      ),
    },
  };
}
