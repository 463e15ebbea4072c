import { say, speak, type ToolAnswer } from '../answer.js';
import type { ToolArgs } from '../schemas.js';
import { decodeNameState, encodeNameState } from '../state.js';
import { appointmentView, spokenStart, type ToolRun } from './common.js';

/** `initialize_call`: who calls, their next appointment, company and now. @internal */
export async function initializeCall(run: ToolRun, nowMs: number): Promise<ToolAnswer> {
  const { ctx, locale } = run;
  const upcoming = ctx.customer ? await run.engine.getCustomerAppointments(ctx) : [];
  const next = upcoming[0];
  const firstName = ctx.customer?.name?.split(/\s+/)[0]?.slice(0, 60);
  const greeting = firstName
    ? say(
        locale,
        `Hallo ${firstName}, schön, dass Sie anrufen.`,
        `Hello ${firstName}, good to hear from you.`,
      )
    : say(
        locale,
        `Willkommen bei ${ctx.tenant.companyName}.`,
        `Welcome to ${ctx.tenant.companyName}.`,
      );
  return {
    result: 'ok',
    say: greeting,
    company_name: ctx.tenant.companyName.slice(0, 200),
    language: locale,
    caller_known: ctx.customer !== undefined,
    ...(firstName ? { first_name: firstName } : {}),
    ...(next ? { upcoming_appointment: appointmentView(next, run) } : {}),
    now: spokenStart(new Date(nowMs).toISOString(), ctx, locale),
  };
}

/** `list_services`: at most five services, or the categories first. @internal */
export async function listServices(
  run: ToolRun,
  args: ToolArgs['list_services'],
): Promise<ToolAnswer> {
  const listing = await run.engine.listServices(run.ctx, { category: args.category });
  if (listing.kind === 'categories') {
    return {
      result: 'categories',
      say: speak(listing.say, run.locale),
      categories: listing.categories
        .slice(0, 20)
        .map((c) => ({ name: c.name.slice(0, 100), count: c.count })),
    };
  }
  return {
    result: 'services',
    say: speak(listing.say, run.locale),
    services: listing.services.slice(0, 5).map((s) => ({
      id: s.id,
      name: s.name.slice(0, 100),
      duration_minutes: s.durationMinutes,
      ...(s.priceCents !== undefined
        ? { price_cents: s.priceCents, currency: s.currency ?? 'EUR' }
        : {}),
    })),
  };
}

/** `resolve_name`: a staff member by spoken name, state carried in the answer. @internal */
export async function resolveName(
  run: ToolRun,
  args: ToolArgs['resolve_name'],
): Promise<ToolAnswer> {
  const found = await run.engine.resolveStaff(run.ctx, args.name, decodeNameState(args.state));
  const state = encodeNameState(found.state);
  if (found.verdict === 'match') {
    const s = found.value;
    const name = [s.title, s.firstName, s.lastName].filter(Boolean).join(' ').slice(0, 150);
    return {
      result: 'match',
      say: say(run.locale, `Gern, bei ${name}.`, `Sure, with ${name}.`),
      staff_id: s.id,
      staff_name: name,
    };
  }
  if (found.verdict === 'ambiguous') {
    return {
      result: 'ambiguous',
      say: speak(found.say, run.locale),
      state,
      hint: 'Ask the question; call resolve_name with the answer and this state.',
    };
  }
  return { result: 'none', say: speak(found.say, run.locale), state };
}
