/**
 * The scale run: three server instances (Fastify, Express, Fastify) on their own ports and
 * processes behind one Redis (a unique key prefix) and one PostgreSQL database, one Cal.com
 * stand-in for all. Three phases:
 * 1. contention — callers on every instance book the same or overlapping slots at once;
 * 2. visibility — every instance's cache warmed with a slot free, a booking on one, then checks
 *    on the others until the slot is no longer offered;
 * 3. SIGKILL — callers book while one instance is killed; each caller whose request died retries
 *    once on a live instance (as a load balancer routes a retry); then, once the lock TTL has
 *    passed, the killed instance is restarted, so its reconciler resolves what the kill left.
 * Then every `booked` answer is looked up in PostgreSQL and the stand-in.
 */
import { randomBytes } from 'node:crypto';
import { DEMO_CALENDAR_FIXTURE } from '@voicebook/booking-engine';
import { parseFixture, startCalcomMock } from '@voicebook/calcom-mock';
import { RetellClient } from '@voicebook/server-core/client';
import { KEY, day, out, retellCall, type Framework } from './common.js';
import { audit, type Audit, type Booked } from './scale-audit.js';
import { startServerProcess, type ServerProcess } from './spawn.js';

/** Options of {@link scaleRun}. */
export interface ScaleOptions {
  readonly redisUrl: string;
  readonly databaseUrl: string;
  /** Runs a query in that database (the audit). */
  readonly query: <R>(sql: string) => Promise<R[]>;
  /** Callers per instance. @default 3 */
  readonly callersPerInstance?: number | undefined;
  /** Contended slot groups in phase 1. @default 6 */
  readonly contendedSlots?: number | undefined;
  /** Bookings whose visibility is measured in phase 2. @default 5 */
  readonly visibilityTrials?: number | undefined;
  /** Seconds of phase 3; the kill lands in its middle. @default 8 */
  readonly killPhaseSeconds?: number | undefined;
}

/** What the scale run found. */
export interface ScaleFigures extends Audit {
  readonly instances: readonly Framework[];
  /** Phase 1: simultaneous booking attempts, `booked` answers, slot groups. */
  readonly contention: { attempts: number; booked: number; slots: number };
  /** Phase 2: ms from a booking's answer to the first check elsewhere not offering the slot. */
  readonly visibilityLagMs: readonly number[];
  /** The same, as `booked on → checked on: ms`. */
  readonly visibilityPairs: readonly string[];
  /** Phase 3: `booked` answers, requests cut by the kill, how their retries answered. */
  readonly kill: { booked: number; cut: number; retried: Record<string, number> };
}

const FRAMEWORKS: readonly Framework[] = ['fastify', 'express', 'fastify'];

/** A wish as a caller says it: a day and a wall time in the tenant's zone. */
interface Wall {
  readonly date: string;
  readonly time: string;
}
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** The running instances and the callers' tools. */
class Fleet {
  readonly booked: Booked[] = [];
  readonly alive: Set<number>;
  #seq = 0;
  #clients: RetellClient[];

  constructor(readonly instances: ServerProcess[]) {
    this.alive = new Set(instances.keys());
    this.#clients = instances.map((s) => new RetellClient(s.url, KEY));
  }

  replace(i: number, server: ServerProcess): void {
    this.instances[i] = server;
    this.#clients[i] = new RetellClient(server.url, KEY);
    this.alive.add(i);
  }

  #client(i: number): RetellClient {
    const client = this.#clients[i];
    if (!client) throw new Error(`no instance ${i}`);
    return client;
  }

  #call(i: number) {
    const n = this.#seq++;
    return retellCall(`call_scale_${i}_${n}`, `+49171${String(n).padStart(7, '0')}`);
  }

  /** A new call's identity (a retry of the same call reuses it). */
  newCall(i: number) {
    return this.#call(i);
  }

  /**
   * Books on instance `i` within `call` (a new call by default); a `booked` answer is recorded.
   * Throws when the request dies.
   */
  async book(i: number, service: string, wish: Wall, call = this.#call(i)): Promise<string> {
    const args = { service, ...wish, customer_name: 'Scale Test', confirmed: true };
    const res = await this.#client(i).tool('book_appointment', args, call);
    const body = res.body as {
      result?: string;
      code?: string;
      appointment_id?: string;
      start?: string;
    };
    if (body.result === 'booked' && body.appointment_id && body.start) {
      this.booked.push({
        appointmentId: body.appointment_id,
        start: body.start,
        serviceId: service,
      });
    }
    if (body.result === undefined) return `http ${res.status}`;
    return body.code === undefined ? body.result : `${body.result} ${body.code}`;
  }

  /** Whether instance `i` offers the wish as free. */
  async offers(i: number, wish: Wall): Promise<boolean> {
    const res = await this.#client(i).tool(
      'check_availability',
      { service: 'haarschnitt', ...wish },
      this.#call(i),
    );
    return (res.body as { result?: string }).result === 'available';
  }
}

async function contention(fleet: Fleet, callers: number, slots: number) {
  const before = fleet.booked.length;
  let attempts = 0;
  for (let s = 0; s < slots; s++) {
    // Haarschnitt (30 min) at T, Färben (longer) half an hour before it: all overlap.
    const date = day(5 + Math.floor(s / 3));
    const at = (10 + 2 * (s % 3)) * 60;
    await Promise.all(
      Array.from({ length: callers }, (_, c) => {
        attempts++;
        const i = c % fleet.instances.length;
        return c % 3 === 2
          ? fleet.book(i, 'faerben', { date, time: hhmm(at - 30) })
          : fleet.book(i, 'haarschnitt', { date, time: hhmm(at) });
      }),
    );
  }
  return { attempts, booked: fleet.booked.length - before, slots };
}

async function visibility(fleet: Fleet, trials: number) {
  const lags: number[] = [];
  const pairs: string[] = [];
  const n = fleet.instances.length;
  for (let v = 0; v < trials; v++) {
    const wish = { date: day(8), time: hhmm((9 + v) * 60 + 30) };
    await Promise.all(fleet.instances.map((_, i) => fleet.offers(i, wish)));
    const by = v % n;
    if ((await fleet.book(by, 'haarschnitt', wish)) !== 'booked') continue;
    // Every other instance is polled from the answer on, in parallel.
    const answeredAt = performance.now();
    await Promise.all(
      fleet.instances.map(async (_, other) => {
        if (other === by) return;
        for (;;) {
          const startedAt = performance.now() - answeredAt;
          if (!(await fleet.offers(other, wish))) {
            lags.push(startedAt);
            pairs.push(`${by}→${other}: ${startedAt.toFixed(0)}`);
            return;
          }
          if (startedAt > 5_000) {
            lags.push(Number.POSITIVE_INFINITY);
            return;
          }
        }
      }),
    );
  }
  return { lags, pairs };
}

async function killPhase(fleet: Fleet, callers: number, seconds: number, victim: number) {
  const retried: Record<string, number> = {};
  let cut = 0;
  let slot = 0;
  const before = fleet.booked.length;
  // Distinct weekdays from 10 days out (nextWeekday(10) and (11) can be the same Monday).
  const days = [...new Set(Array.from({ length: 30 }, (_, k) => day(10 + k)))];
  const nextWish = (): Wall => {
    const k = slot++;
    return {
      date: days[Math.floor(k / 16) % days.length] ?? day(10),
      time: hhmm(9 * 60 + 30 * (k % 16)),
    };
  };
  const until = Date.now() + seconds * 1000;
  const killer = sleep((seconds * 1000) / 2).then(() => {
    fleet.alive.delete(victim);
    fleet.instances[victim]?.child.kill('SIGKILL');
    return Date.now();
  });
  await Promise.all(
    Array.from({ length: callers }, async (_, c) => {
      while (Date.now() < until) {
        const home = fleet.alive.has(c % fleet.instances.length) ? c % fleet.instances.length : 0;
        const wish = nextWish();
        const call = fleet.newCall(home);
        try {
          await fleet.book(home, 'haarschnitt', wish, call);
        } catch {
          // Retell's retry of the same call, routed to a live instance.
          cut++;
          const next = [...fleet.alive][0] ?? 0;
          const again = await fleet
            .book(next, 'haarschnitt', wish, call)
            .catch(() => 'failed again');
          retried[again] = (retried[again] ?? 0) + 1;
        }
      }
    }),
  );
  return { killedAt: await killer, booked: fleet.booked.length - before, cut, retried };
}

/**
 * Runs the three phases and audits the result.
 *
 * @param options - Redis, the database, sizes.
 * @returns The figures.
 */
export async function scaleRun(options: ScaleOptions): Promise<ScaleFigures> {
  const mock = await startCalcomMock({
    port: 0,
    fixture: parseFixture(DEMO_CALENDAR_FIXTURE),
    latency: {
      'slots.find': { minMs: 20, maxMs: 80 },
      'bookings.create': { minMs: 150, maxMs: 600 },
      '*': { minMs: 10, maxMs: 50 },
    },
    seed: 11,
  });
  const env = {
    RETELL_API_KEY: KEY,
    CALCOM_API_KEY: mock.apiKey,
    CALCOM_BASE_URL: mock.url,
    REDIS_URL: options.redisUrl,
    REDIS_KEY_PREFIX: `vb-scale-${randomBytes(4).toString('hex')}:`,
    DATABASE_URL: options.databaseUrl,
  };
  const preexisting = new Set(mock.bookings().map((b) => b.uid));
  const start = (i: number) =>
    startServerProcess({ ...env, FRAMEWORK: FRAMEWORKS[i] ?? 'fastify' });
  // The first instance migrates the database; the others start together.
  const first = await start(0);
  const fleet = new Fleet([first, ...(await Promise.all([start(1), start(2)]))]);
  try {
    const callers = (options.callersPerInstance ?? 3) * fleet.instances.length;
    const phase1 = await contention(fleet, callers, options.contendedSlots ?? 6);
    const seen = await visibility(fleet, options.visibilityTrials ?? 5);
    const victim = 1;
    const phase3 = await killPhase(fleet, callers, options.killPhaseSeconds ?? 8, victim);
    // A reconciler resolves a `requested` row once the lock TTL (20 s) has passed.
    await sleep(phase3.killedAt + 21_000 - Date.now());
    fleet.replace(victim, await start(victim));
    const result = await audit(options.query, fleet.booked, mock, preexisting);
    return {
      instances: FRAMEWORKS,
      contention: phase1,
      visibilityLagMs: seen.lags,
      visibilityPairs: seen.pairs,
      kill: { booked: phase3.booked, cut: phase3.cut, retried: phase3.retried },
      ...result,
    };
  } finally {
    await Promise.allSettled(fleet.instances.map((s) => s.stop()));
    await mock.close();
  }
}

/** Prints {@link scaleRun}'s figures. */
export function printScale(f: ScaleFigures): void {
  const lags = [...f.visibilityLagMs].sort((a, b) => a - b);
  const within = lags.filter((l) => l <= 100).length;
  const d = f.doubleBookings;
  out(
    `  contention: ${f.contention.attempts} simultaneous bookings of ${f.contention.slots} overlapping slot groups → ${f.contention.booked} booked; double bookings: ${d.answers} in answers, ${d.postgres} in PostgreSQL, ${d.standIn} at the stand-in (target 0)`,
  );
  out(
    `  visibility: a booking on one instance not offered as free on the others from ${lags.map((l) => l.toFixed(0)).join(', ')} ms after its answer (${within}/${lags.length} within 100 ms; the step is one check's round trip)`,
  );
  out(
    `  SIGKILL of one instance mid-run: ${f.kill.booked} booked in the phase, ${f.kill.cut} requests cut, their retry on a live instance answered ${JSON.stringify(f.kill.retried)}; confirmed bookings lost: ${f.lost} of ${f.confirmedAnswers} (target 0); after the restart's reconcile ${f.recovered} rows confirmed that no answer had confirmed, ${f.requestedLeft} left requested, ${f.orphans} stand-in bookings of ours without a confirmed row ${JSON.stringify(f.orphanRows)}`,
  );
  out(`  appointment rows by status: ${JSON.stringify(f.statuses)}`);
  out(`  visibility by instance (booked on → checked on: ms): ${f.visibilityPairs.join(', ')}`);
}
