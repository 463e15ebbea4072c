import { parseReserve, parseUid, type ReserveSlotInput } from '../inputs.js';
import type { CallOptions } from '../pipeline/types.js';
import { emptyEnvelope, type Reservation } from '../schemas.js';
import type { ClientContext } from './context.js';
import { maybeReservation, reservationEnvelope } from './envelopes.js';

/** `client.slots.reservations`. */
export interface ReservationsApi {
  /**
   * Holds a slot. Never retried (a lost hold simply expires).
   * @param input - event type, slot start and, optionally, length and how long to hold it.
   * @param options - abort signal and total deadline.
   * @returns the reservation; keep its `reservationUid` to release or update it.
   * @throws {@link SlotUnavailableError} (`reserved` or `taken`) when someone else has it.
   */
  create(input: ReserveSlotInput, options?: CallOptions): Promise<Reservation>;
  /**
   * The reservation, or `null` when it does not exist (any more).
   * @param uid - the reservation's `reservationUid`.
   * @param options - abort signal and total deadline.
   * @returns the reservation or `null`.
   */
  get(uid: string, options?: CallOptions): Promise<Reservation | null>;
  /**
   * Moves or extends a reservation. Never retried.
   * @param uid - the reservation's `reservationUid`.
   * @param input - the new slot and hold.
   * @param options - abort signal and total deadline.
   * @returns the updated reservation.
   */
  update(uid: string, input: ReserveSlotInput, options?: CallOptions): Promise<Reservation>;
  /**
   * Releases a reservation (the slot is offered again).
   * @param uid - the reservation's `reservationUid`.
   * @param options - abort signal and total deadline.
   */
  delete(uid: string, options?: CallOptions): Promise<void>;
}

/** `client.slots.reservations` on a {@link ClientContext}. @internal */
export function createReservationsApi(ctx: ClientContext): ReservationsApi {
  return {
    create: (input, options) => reserve(ctx, 'reserveSlot', undefined, input, options),
    get: (uid, options) => getReservation(ctx, uid, options),
    update: (uid, input, options) => reserve(ctx, 'updateReservation', uid, input, options),
    delete: (uid, options) => deleteReservation(ctx, uid, options),
  };
}

async function reserve(
  ctx: ClientContext,
  operation: 'reserveSlot' | 'updateReservation',
  uid: string | undefined,
  input: ReserveSlotInput,
  options?: CallOptions,
): Promise<Reservation> {
  const u = uid === undefined ? undefined : parseUid(operation, uid);
  const v = parseReserve(operation, input);
  const path =
    u === undefined ? 'v2/slots/reservations' : `v2/slots/reservations/${encodeURIComponent(u)}`;
  const r = await ctx.pipe.withCall(operation, options, (call) =>
    ctx.pipe.run(call, { operation, path, json: v }, reservationEnvelope),
  );
  await ctx.invalidation.invalidate({
    eventTypeId: r.data.eventTypeId,
    start: r.data.slotStart,
    end: r.data.slotEnd,
  });
  return r.data;
}

async function getReservation(
  ctx: ClientContext,
  uid: string,
  options?: CallOptions,
): Promise<Reservation | null> {
  const u = parseUid('getReservation', uid);
  const r = await ctx.pipe.withCall('getReservation', options, (call) =>
    ctx.pipe.run(
      call,
      { operation: 'getReservation', path: `v2/slots/reservations/${encodeURIComponent(u)}` },
      maybeReservation,
    ),
  );
  return r.data;
}

async function deleteReservation(
  ctx: ClientContext,
  uid: string,
  options?: CallOptions,
): Promise<void> {
  const u = parseUid('deleteReservation', uid);
  await ctx.pipe.withCall('deleteReservation', options, (call) =>
    ctx.pipe.run(
      call,
      { operation: 'deleteReservation', path: `v2/slots/reservations/${encodeURIComponent(u)}` },
      emptyEnvelope,
    ),
  );
}
