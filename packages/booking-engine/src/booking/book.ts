// `book`: validate → policies → customer → idempotency → slot lock → ledger row → Cal.com →
// check → settle. Each step lives in its own module; this one only orders them.
import { BookingEngineError, isBookingEngineError } from '../errors.js';
import type { BookRequest, BookResult, CallContext, EngineCallOptions } from '../engine-api.js';
import type { Appointment, Customer } from '../types.js';
import { alternativesFor } from './alternatives.js';
import { createOnCalendar, fallbackName, type Attendee } from './calendar-step.js';
import type { EngineDeps } from './deps.js';
import { finishKey, reserveKey } from './idempotency.js';
import { bookingFingerprint, bookingIdempotencyKey, slotLockKey } from './keys.js';
import { insertLedgerRow, newRow, transitionRow } from './ledger.js';
import {
  SAY_ASK_PENDING,
  SAY_CALENDAR_DOWN,
  SAY_NEED_PHONE,
  SAY_PENDING,
  sayBooked,
  sayUnavailable,
} from './say.js';
import { acquireSlot } from './slot-gate.js';
import { bestEffort, storeCall } from './store-call.js';
import { checkBookingPolicies, resolveWish, type SlotWish } from './validate.js';

/** An answer and whether it is the key's final one (stored for repeats). */
interface Answer {
  readonly result: BookResult;
  readonly final: boolean;
}

/**
 * Books exactly once; see {@link BookingEngine.book}.
 * @internal
 */
export async function book(
  deps: EngineDeps,
  ctx: CallContext,
  request: BookRequest,
  options?: EngineCallOptions,
): Promise<BookResult> {
  const startedAt = deps.now();
  const tenantId = ctx.tenant.id;
  try {
    const result = await bookSteps(deps, ctx, request, options);
    deps.emit({
      type: 'booking:done',
      tenantId,
      outcome: result.replayed ? 'replayed' : result.status,
      durationMs: deps.now() - startedAt,
    });
    return result;
  } catch (error) {
    deps.emit({
      type: 'booking:done',
      tenantId,
      outcome: 'failed',
      durationMs: deps.now() - startedAt,
      code: isBookingEngineError(error) ? error.code : 'E_UNEXPECTED',
    });
    throw error;
  }
}

async function bookSteps(
  deps: EngineDeps,
  ctx: CallContext,
  request: BookRequest,
  options?: EngineCallOptions,
): Promise<BookResult> {
  const tenant = ctx.tenant;
  const wish = resolveWish(tenant, request);
  checkBookingPolicies(tenant, wish, deps.now());
  const customer = await customerFor(deps, ctx, request);
  const key = bookingIdempotencyKey(ctx.callId, wish.service.id, wish.staff?.id, wish.startMs);
  const fingerprint = bookingFingerprint({
    customerId: customer.id,
    eventTypeId: wish.eventTypeId,
    durationMinutes: wish.service.durationMinutes,
    customerName: request.customerName,
    email: request.email,
  });
  const replayed = await reserveKey(deps, tenant.id, key, fingerprint);
  if (replayed) return replayed;
  let answer: Answer;
  try {
    answer = await underSlotLock(deps, ctx, request, wish, customer, key, options);
  } catch (error) {
    // Every failure is retryable or fixable: the next attempt starts afresh (the ledger row
    // keeps what happened, so nothing is booked twice).
    await bestEffort(() => deps.idempotency.abandon(tenant.id, key));
    throw error;
  }
  if (answer.final) {
    await finishKey(deps, tenant.id, key, { kind: 'result', result: answer.result });
  } else {
    await bestEffort(() => deps.idempotency.abandon(tenant.id, key));
  }
  return answer.result;
}

/** The caller's customer record, created on first booking (needs the caller's number). */
async function customerFor(
  deps: EngineDeps,
  ctx: CallContext,
  request: BookRequest,
): Promise<Customer> {
  if (ctx.callerPhone === undefined) {
    throw new BookingEngineError(
      'E_CUSTOMER_REQUIRED',
      'booking needs the caller number, and this call has none',
      false,
      { say: SAY_NEED_PHONE },
    );
  }
  const phone = ctx.callerPhone;
  const name = request.customerName?.trim() || undefined;
  const email = request.email?.trim() || undefined;
  const { customer } = await storeCall('customers.findOrCreateByPhone', () =>
    deps.customers.findOrCreateByPhone(ctx.tenant.id, phone, { name, email }),
  );
  const missing = {
    name: customer.name === undefined ? name : undefined,
    email: customer.email === undefined ? email : undefined,
  };
  if (missing.name === undefined && missing.email === undefined) return customer;
  const updated = await storeCall('customers.update', () =>
    deps.customers.update(ctx.tenant.id, customer.id, missing),
  );
  return updated ?? customer;
}

async function underSlotLock(
  deps: EngineDeps,
  ctx: CallContext,
  request: BookRequest,
  wish: SlotWish,
  customer: Customer,
  key: string,
  options?: EngineCallOptions,
): Promise<Answer> {
  const tenant = ctx.tenant;
  const slotKey = slotLockKey(tenant.id, wish.eventTypeId, wish.staff?.id, wish.startMs);
  const held = await storeCall('locks.acquire', () => acquireSlot(deps, slotKey));
  if (held === undefined) {
    // Another caller's booking of this slot is under way (a duplicate of this very request
    // never gets here: it waits on the idempotency key). Its Cal.com create takes seconds, so
    // answer as taken now, with alternatives from the cached range. Not final: a repeat looks
    // again (the holder may still fail).
    return { result: await unavailable(deps, ctx, wish, options), final: false };
  }
  const { lease } = held;
  try {
    const attendeeName = request.customerName?.trim() || customer.name || fallbackName(tenant);
    const inserted = await insertLedgerRow(
      deps,
      newRow(
        wish,
        {
          tenantId: tenant.id,
          customerId: customer.id,
          callId: ctx.callId,
          idempotencyKey: key,
          slotKey,
          fence: lease.fence,
          attendeeName,
        },
        deps.now(),
      ),
    );
    if (inserted.kind === 'settled')
      return { result: fromRow(inserted.row, true, tenant.zone), final: true };
    const row = inserted.row;
    const attendee: Attendee = {
      name: attendeeName,
      phone: customer.phone,
      email: request.email?.trim() || customer.email,
    };
    if (deps.calendar.writesBlocked(tenant)) {
      return await degraded(deps, ctx, request, row, undefined);
    }
    const outcome = await createOnCalendar(deps, tenant, row, attendee, options);
    switch (outcome.kind) {
      case 'booked':
        return { result: fromRow(outcome.row, false, tenant.zone), final: true };
      case 'taken':
        return { result: await unavailable(deps, ctx, wish, options), final: true };
      case 'down':
        return await degraded(deps, ctx, request, row, outcome.error);
    }
  } finally {
    await bestEffort(() => lease.release());
    held.leave();
  }
}

/** The answer of a confirmed or pending record. */
function fromRow(row: Appointment, replayed: boolean, zone: string): BookResult {
  return row.status === 'pending'
    ? { status: 'pending', appointment: row, replayed, say: SAY_PENDING }
    : { status: 'booked', appointment: row, replayed, say: sayBooked(row.start, zone) };
}

async function unavailable(
  deps: EngineDeps,
  ctx: CallContext,
  wish: SlotWish,
  options?: EngineCallOptions,
): Promise<BookResult> {
  const alternatives = await alternativesFor(deps, ctx, wish, options);
  return {
    status: 'unavailable',
    alternatives,
    replayed: false,
    say: sayUnavailable(alternatives, ctx.tenant.zone),
  };
}

/** Cal.com is down: note the wish as pending (policy + consent), else a retryable error. */
async function degraded(
  deps: EngineDeps,
  ctx: CallContext,
  request: BookRequest,
  row: Appointment,
  cause: unknown,
): Promise<Answer> {
  const policy = ctx.tenant.policies.whenCalendarDown;
  if (policy === 'accept-pending' && request.acceptPending === true) {
    const pending = await transitionRow(deps, row, ['requested'], 'pending', {
      reason: 'calendar-unavailable',
    });
    if (pending) return { result: fromRow(pending, false, ctx.tenant.zone), final: true };
  } else {
    await transitionRow(deps, row, ['requested'], 'failed', { reason: 'calendar-unavailable' });
  }
  throw new BookingEngineError(
    'E_CALENDAR_UNAVAILABLE',
    'Cal.com is unreachable; nothing was booked',
    true,
    { cause, say: policy === 'accept-pending' ? SAY_ASK_PENDING : SAY_CALENDAR_DOWN },
  );
}
