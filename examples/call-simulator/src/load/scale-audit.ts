// The scale run's audit: every `booked` answer against PostgreSQL and the stand-in.
import { DEMO_TENANT } from '@voicebook/booking-engine';
import type { CalcomMock } from '@voicebook/calcom-mock';

/** A `booked` answer a caller heard. */
export interface Booked {
  readonly appointmentId: string;
  /** ISO start with offset, as answered. */
  readonly start: string;
  readonly serviceId: string;
}

/** What the audit found. */
export interface Audit {
  readonly confirmedAnswers: number;
  /** Overlapping pairs among the answers, the confirmed rows and the stand-in's bookings. */
  readonly doubleBookings: { answers: number; postgres: number; standIn: number };
  /** `booked` answers without a confirmed row or without that booking at the stand-in. */
  readonly lost: number;
  /** Confirmed rows that no `booked` answer named (resolved by a reconciler). */
  readonly recovered: number;
  /** Rows still `requested` (a reconciler resolves them after the lock TTL). */
  readonly requestedLeft: number;
  /** Accepted stand-in bookings of the run that no confirmed row points at. */
  readonly orphans: number;
  /** Their rows' statuses (`no row` when none carries the booking's uid). */
  readonly orphanRows: Record<string, number>;
  /** Every row by status. */
  readonly statuses: Record<string, number>;
}

interface Interval {
  readonly start: number;
  readonly end: number;
}

const overlaps = (xs: readonly Interval[]): number => {
  const sorted = [...xs].sort((a, b) => a.start - b.start);
  let n = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const x of sorted) {
    if (x.start < end) n++;
    end = Math.max(end, x.end);
  }
  return n;
};

const tally = (xs: readonly string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
};

const minutesOf = (serviceId: string) =>
  DEMO_TENANT.services.find((s) => s.id === serviceId)?.durationMinutes ?? 30;

interface Row {
  readonly id: string;
  readonly start_ms: string;
  readonly end_at: string;
  readonly booking_uid: string | null;
  readonly status: string;
}

/**
 * Audits the run (waits up to 10 s for `requested` rows to be resolved first).
 *
 * @param query - Runs SQL in the run's database.
 * @param booked - Every `booked` answer.
 * @param mock - The stand-in.
 * @param preexisting - Uids of the stand-in's bookings before the run (the fixture's).
 */
export async function audit(
  query: <R>(sql: string) => Promise<R[]>,
  booked: readonly Booked[],
  mock: CalcomMock,
  preexisting: ReadonlySet<string>,
): Promise<Audit> {
  const requested = async () =>
    Number(
      (
        await query<{ n: string }>(
          `SELECT count(*) AS n FROM voicebook.appointments WHERE status = 'requested'`,
        )
      )[0]?.n ?? 0,
    );
  for (let i = 0; i < 50 && (await requested()) > 0; i++) {
    await new Promise((r) => setTimeout(r, 200));
  }
  const all = await query<Row>(
    `SELECT id, start_ms, end_at, booking_uid, status FROM voicebook.appointments`,
  );
  const rows = all.filter((r) => r.status === 'confirmed');
  const confirmed = new Map(rows.map((r) => [r.id, r]));
  const answered = new Set(booked.map((b) => b.appointmentId));
  const statusOfUid = new Map(all.map((r) => [r.booking_uid ?? '', r.status]));
  const accepted = mock
    .bookings()
    .filter((b) => b.status === 'accepted' && !preexisting.has(b.uid));
  const acceptedUids = new Set(accepted.map((b) => b.uid));
  const rowUids = new Set(rows.map((r) => r.booking_uid ?? ''));
  const orphans = accepted.filter((b) => !rowUids.has(b.uid));
  return {
    confirmedAnswers: booked.length,
    doubleBookings: {
      answers: overlaps(
        booked.map((b) => ({
          start: Date.parse(b.start),
          end: Date.parse(b.start) + minutesOf(b.serviceId) * 60_000,
        })),
      ),
      postgres: overlaps(
        rows.map((r) => ({ start: Number(r.start_ms), end: Date.parse(r.end_at) })),
      ),
      standIn: overlaps(
        accepted.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) })),
      ),
    },
    lost: booked.filter((b) => {
      const row = confirmed.get(b.appointmentId);
      return row === undefined || !acceptedUids.has(row.booking_uid ?? '');
    }).length,
    recovered: rows.filter((r) => !answered.has(r.id)).length,
    requestedLeft: await requested(),
    orphans: orphans.length,
    orphanRows: tally(orphans.map((b) => statusOfUid.get(b.uid) ?? 'no row')),
    statuses: tally(all.map((r) => r.status)),
  };
}
