import type { CalcomClient } from '@voicebook/calcom-client';

/** One dependency's state on `/readyz`. */
export interface DependencyCheck {
  /** `disabled`: not configured (in-memory default). */
  readonly status: 'ok' | 'down' | 'disabled';
  /** How long the probe took. */
  readonly latencyMs?: number | undefined;
  /** A stable reason when down (never a URL with credentials). */
  readonly reason?: string | undefined;
}

/** Breaker states of one Cal.com client (0-based account index, no key or URL). */
export interface BreakerStates {
  readonly account: number;
  readonly read: 'closed' | 'open' | 'half-open';
  readonly write: 'closed' | 'open' | 'half-open';
}

/** What `GET /readyz` answers (200 when `ready`, else 503). */
export interface ReadinessReport {
  /** Redis, PostgreSQL and Cal.com all reachable (breaker states are reported, not gating). */
  readonly ready: boolean;
  readonly redis: DependencyCheck;
  readonly postgres: DependencyCheck;
  readonly calcom: DependencyCheck;
  readonly breakers: readonly BreakerStates[];
}

/** A probe: resolves when the dependency answered, rejects otherwise. */
export type Probe = (signal: AbortSignal) => Promise<void>;

/** Inputs of {@link checkReadiness}. */
export interface ReadinessInputs {
  readonly redis?: Probe | undefined;
  readonly postgres?: Probe | undefined;
  /** Base URLs of the Cal.com installations in use (any HTTP answer counts as reachable). */
  readonly calcomBaseUrls: () => Promise<readonly string[]>;
  readonly clients: () => Iterable<CalcomClient>;
  /** Per probe. @default 2000 */
  readonly timeoutMs?: number | undefined;
  /** The clock for latencies, epoch ms. */
  readonly now: () => number;
}

async function run(
  probe: Probe | undefined,
  timeoutMs: number,
  now: () => number,
): Promise<DependencyCheck> {
  if (!probe) return { status: 'disabled' };
  const started = now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    await Promise.race([
      probe(controller.signal),
      new Promise<never>((_, reject) =>
        controller.signal.addEventListener('abort', () => reject(new Error('timeout')), {
          once: true,
        }),
      ),
    ]);
    return { status: 'ok', latencyMs: now() - started };
  } catch (error) {
    const reason = controller.signal.aborted
      ? 'timeout'
      : error instanceof Error
        ? error.name
        : 'error';
    return { status: 'down', latencyMs: now() - started, reason };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A probe that any HTTP answer from `url` satisfies (a 401 or 404 means Cal.com is there).
 *
 * @param url - Base URL of a Cal.com installation.
 * @returns The probe.
 */
export const httpProbe =
  (url: string): Probe =>
  async (signal) => {
    const res = await fetch(new URL('/v2/event-types', url), { signal, method: 'GET' });
    await res.body?.cancel();
  };

/**
 * Probes every dependency in parallel, each with its own timeout.
 *
 * @param inputs - Probes, the Cal.com base URLs and clients, the clock.
 * @returns The report `/readyz` answers.
 */
export async function checkReadiness(inputs: ReadinessInputs): Promise<ReadinessReport> {
  const timeoutMs = inputs.timeoutMs ?? 2000;
  const urls = await inputs.calcomBaseUrls();
  const calcomProbe: Probe | undefined =
    urls.length === 0
      ? undefined
      : async (signal) => {
          await Promise.all(urls.map((u) => httpProbe(u)(signal)));
        };
  const [redis, postgres, calcom] = await Promise.all([
    run(inputs.redis, timeoutMs, inputs.now),
    run(inputs.postgres, timeoutMs, inputs.now),
    run(calcomProbe, timeoutMs, inputs.now),
  ]);
  const breakers = [...inputs.clients()].map((c, account) => ({
    account,
    read: c.breakers?.get('read').state ?? 'closed',
    write: c.breakers?.get('write').state ?? 'closed',
  }));
  const ok = (c: DependencyCheck) => c.status !== 'down';
  return { ready: ok(redis) && ok(postgres) && ok(calcom), redis, postgres, calcom, breakers };
}
