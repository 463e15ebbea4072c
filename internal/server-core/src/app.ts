import {
  DEMO_CALENDAR_FIXTURE,
  DEMO_TENANT,
  MemoryTenantDirectory,
  createBookingEngine,
  createCalcomCalendarProvider,
  type BookingEngine,
  type Tenant,
  type TenantDirectory,
} from '@voicebook/booking-engine';
import {
  createTieredCache,
  type CacheEvent,
  type CalcomClientEvent,
} from '@voicebook/calcom-client';
import {
  parseFixture,
  startCalcomMock,
  type CalcomMock,
  type LatencyTable,
} from '@voicebook/calcom-mock';
import { createSloMetrics, type SloMetrics } from '@voicebook/slo-metrics';
import { CalendarClients } from './calendar-clients.js';
import { createCalcomWebhookHandler } from './calcom-webhook.js';
import type { ServerConfig } from './config.js';
import { createRetellHandlers } from './retell-handlers.js';
import type { CoreHandler, RouteName } from './http.js';
import { checkReadiness, type ReadinessReport } from './readiness.js';
import { createStores } from './stores.js';

/** The few logger methods the composition uses (pino, console or an adopter's own logger). */
export interface AppLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Options of {@link createVoicebookApp} beyond the configuration. */
export interface VoicebookAppOptions {
  /** Receives start-up and background messages (never names or numbers). @default silent */
  readonly logger?: AppLogger | undefined;
  /** The clock, epoch ms. @default Date.now */
  readonly now?: (() => number) | undefined;
  /** Latency of the embedded stand-in. @default 'none' */
  readonly standInLatency?: 'none' | 'realistic' | LatencyTable | undefined;
  /** Seed of the embedded stand-in. @default 7 */
  readonly standInSeed?: number | undefined;
  /** Receives every Cal.com client event too (the simulator counts cache hits with it). */
  readonly onCalcomEvent?: ((event: CalcomClientEvent | CacheEvent) => void) | undefined;
}

/** Where each part of the composition comes from (logged on start). */
export interface AppMode {
  /** Nothing but `PORT` and `RETELL_API_KEY` set. */
  readonly embedded: boolean;
  readonly calendar: 'stand-in' | 'calcom';
  readonly stores: 'memory' | 'redis';
  readonly tenants: 'demo' | 'file';
  readonly database: 'off' | 'postgres';
}

/** The composed application both servers mount. */
export interface VoicebookApp {
  readonly engine: BookingEngine;
  /** One framework-neutral handler per route of the reference API. */
  readonly handlers: Readonly<Record<RouteName, CoreHandler>>;
  readonly metrics: SloMetrics;
  /** What `/readyz` answers. */
  readiness(): Promise<ReadinessReport>;
  readonly mode: AppMode;
  /** The embedded Cal.com stand-in, when the calendar is the stand-in. */
  readonly standIn: CalcomMock | undefined;
  /** Closes what the app opened: Redis, PostgreSQL, the stand-in, the caches. Idempotent. */
  close(): Promise<void>;
}

/** Days the inbound webhook's prefetch warms (wishes in them are answered from the cache). */
export const PREFETCH_DAYS = 14;

const silent: AppLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function tenantDirectory(
  config: ServerConfig,
  calendar: Tenant['calendar'] | undefined,
): Promise<TenantDirectory> {
  const source = config.tenantsFile
    ? await (await MemoryTenantDirectory.fromFile(config.tenantsFile)).list()
    : [DEMO_TENANT];
  return new MemoryTenantDirectory(
    calendar === undefined
      ? [...source]
      : source.map((t) => ({ ...t, calendar: { ...t.calendar, ...calendar } })),
  );
}

/**
 * Composes the engine, the Retell handlers, the Cal.com webhook, metrics and readiness from a
 * configuration. Without Cal.com, Redis, PostgreSQL and a tenants file it starts the embedded
 * default: the Cal.com stand-in in-process with the demo calendar, in-memory stores and the demo
 * tenant (+4930123456, agent `agent_demo`).
 *
 * @param config - From {@link loadConfig}.
 * @param options - Logger, clock, stand-in latency.
 * @returns The app; call `close()` on shutdown.
 * @throws {@link ConfigError} / `TenantConfigError` for a bad tenants file; Redis errors when
 * `REDIS_URL` does not answer.
 * @example
 * ```ts
 * const app = await createVoicebookApp(loadConfig({ RETELL_API_KEY: 'key_…' }));
 * const answer = await app.handlers.tools({ method: 'POST', headers, rawBody });
 * await app.close();
 * ```
 */
export async function createVoicebookApp(
  config: ServerConfig,
  options: VoicebookAppOptions = {},
): Promise<VoicebookApp> {
  const log = options.logger ?? silent;
  const now = options.now ?? Date.now;
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) {
      await close().catch((error: unknown) => log.warn({ err: error }, 'close failed'));
    }
  };
  try {
    let standIn: CalcomMock | undefined;
    let calendar: Tenant['calendar'] | undefined = config.calcom;
    if (config.calcom === undefined) {
      standIn = await startCalcomMock({
        port: 0,
        fixture: parseFixture(DEMO_CALENDAR_FIXTURE),
        latency: options.standInLatency ?? 'none',
        seed: options.standInSeed ?? 7,
      });
      const mock = standIn;
      closers.push(() => mock.close());
      calendar = { apiKey: mock.apiKey, baseUrl: mock.url };
    }
    const metrics = createSloMetrics();
    const stores = await createStores(config, { now, log });
    closers.push(() => stores.close());
    const onEvent = (e: CalcomClientEvent | CacheEvent) => {
      metrics.onCalcomEvent(e);
      options.onCalcomEvent?.(e);
    };
    // One cache for every client (and, with Redis, every instance): the client's own defaults
    // plus an L2 and the invalidation bus.
    const cache = await createTieredCache({
      ...(stores.l2 === undefined ? {} : stores.l2),
      staleIfErrorMs: 600_000,
      maxStaleMs: 3_600_000,
      onEvent,
    });
    closers.push(() => cache.close());
    const clients = new CalendarClients({ cache, onEvent });
    const tenants = await tenantDirectory(config, calendar);
    const engine = createBookingEngine({
      tenants,
      calendar: createCalcomCalendarProvider({ clientFor: (t) => clients.clientFor(t) }),
      ...stores.engine,
      // Wishes within the first `prefetchDays` days share the one slots range the inbound
      // webhook's prefetch loads. The engine's 3 days missed every "next week" wish (the demo's
      // and most callers'): 0 % cache hits. Two weeks keep it one query per event type.
      prefetchDays: PREFETCH_DAYS,
      now,
    });
    // The ledger rows a dead instance left `requested` and the requests taken while Cal.com was
    // down are resolved on start and then every minute (safe on every instance at once).
    const reconcile = () => void engine.reconcile();
    reconcile();
    const reconciler = setInterval(reconcile, 60_000);
    reconciler.unref();
    closers.push(() => Promise.resolve(clearInterval(reconciler)));
    const retell = createRetellHandlers({ config, engine, metrics, now });
    const calcomWebhook = createCalcomWebhookHandler({
      secret: config.calcomWebhookSecret,
      clients: () => clients.all(),
      tenants,
      appointments: stores.engine.appointments,
      now,
    });
    const readiness = () =>
      checkReadiness({
        redis: stores.redisProbe,
        postgres: stores.postgresProbe,
        calcomBaseUrls: async () => [
          ...new Set(
            (await tenants.list()).map((t) => t.calendar.baseUrl ?? 'https://api.cal.com'),
          ),
        ],
        clients: () => clients.all(),
        now,
      });
    const mode: AppMode = {
      embedded: config.embedded,
      calendar: standIn ? 'stand-in' : 'calcom',
      stores: stores.kind,
      tenants: config.tenantsFile ? 'file' : 'demo',
      database: stores.postgresProbe ? 'postgres' : 'off',
    };
    log.info(
      { mode },
      config.embedded
        ? 'embedded default: in-memory stores, the Cal.com stand-in in-process, the demo tenant (+4930123456, agent_demo)'
        : 'configured from the environment',
    );
    let closed: Promise<void> | undefined;
    return {
      engine,
      metrics,
      mode,
      standIn,
      readiness,
      handlers: {
        ...retell,
        calcomWebhook,
        metrics: async () => ({
          status: 200,
          headers: { 'content-type': metrics.contentType },
          body: await metrics.metrics(),
        }),
        slo: () => Promise.resolve({ status: 200, body: metrics.evaluate() }),
        healthz: () => Promise.resolve({ status: 200, body: { status: 'ok' } }),
        readyz: async () => {
          const report = await readiness();
          return { status: report.ready ? 200 : 503, body: report };
        },
      },
      close: () => (closed ??= closeAll()),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
