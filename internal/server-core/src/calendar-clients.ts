import type { Tenant } from '@voicebook/booking-engine';
import {
  createCalcomClient,
  type CalcomClient,
  type CalcomClientOptions,
} from '@voicebook/calcom-client';

/**
 * The Cal.com clients of a process, one per distinct (base URL, API key) of the tenants, made
 * on first use. The server keeps them to apply Cal.com webhooks to every cache and to report
 * breaker states on `/readyz`.
 */
export class CalendarClients {
  readonly #clients = new Map<string, CalcomClient>();
  readonly #options: Omit<CalcomClientOptions, 'apiKey' | 'baseUrl'>;

  /**
   * @param options - Options of every client (shared cache, breaker options, events).
   */
  constructor(options: Omit<CalcomClientOptions, 'apiKey' | 'baseUrl'>) {
    this.#options = options;
  }

  /**
   * The client of a tenant's calendar.
   *
   * @param tenant - The tenant.
   * @returns Its client (the same one for every tenant of the same account).
   */
  clientFor(tenant: Tenant): CalcomClient {
    const { apiKey, baseUrl } = tenant.calendar;
    const id = `${baseUrl ?? ''}\n${apiKey}`;
    let client = this.#clients.get(id);
    if (!client) {
      client = createCalcomClient({
        ...this.#options,
        apiKey,
        ...(baseUrl === undefined ? {} : { baseUrl }),
      });
      this.#clients.set(id, client);
    }
    return client;
  }

  /** Every client made so far. */
  all(): Iterable<CalcomClient> {
    return this.#clients.values();
  }
}
