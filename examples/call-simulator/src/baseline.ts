// A backend that behaves like the old one, for the same calls: no prefetch, the wish checked and
// then each guessed alternative re-checked one after the other, a flat 60 s cache, spoken names
// verified by a linear Levenshtein scan, no service list (the agent reads every service).
import { createCalcomClient, type CalcomClient } from '@voicebook/calcom-client';
import type { Tenant } from '@voicebook/booking-engine';

const levenshtein = (a: string, b: string): number => {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min(tmp + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
};

const FIRST = [
  'Anna',
  'Stefan',
  'Katharina',
  'Max',
  'Erika',
  'Jonas',
  'Lea',
  'Paul',
  'Mia',
  'Felix',
];
const LAST = [
  'Schmidt',
  'Schmitt',
  'Hoffmann',
  'Müller',
  'Meyer',
  'Weber',
  'Wagner',
  'Becker',
  'Schulz',
  'Koch',
];

/** The old backend over the same Cal.com stand-in. */
export class BaselineBackend {
  readonly #client: CalcomClient;
  readonly #tenant: Tenant;
  readonly #people: string[];

  /**
   * @param tenant - The tenant (its calendar points at the stand-in).
   * @param directorySize - How many people the name scan walks (staff plus customers).
   */
  constructor(tenant: Tenant, directorySize = 20_000) {
    this.#tenant = tenant;
    this.#client = createCalcomClient({
      apiKey: tenant.calendar.apiKey,
      ...(tenant.calendar.baseUrl === undefined ? {} : { baseUrl: tenant.calendar.baseUrl }),
    });
    this.#people = Array.from(
      { length: directorySize },
      (_, i) =>
        `${FIRST[i % FIRST.length] ?? ''} ${LAST[Math.floor(i / FIRST.length) % LAST.length] ?? ''} ${i}`,
    );
  }

  /** What the old agent said instead of `list_services`: every service, one sentence. */
  listServicesSentence(): string {
    return `Wir bieten ${this.#tenant.services.map((s) => s.name).join(', ')} an. Was möchten Sie?`;
  }

  #eventType(service: string): number {
    const found = this.#tenant.services.find((s) => s.name.toLowerCase() === service.toLowerCase());
    return found?.eventTypeId ?? this.#tenant.services[0]?.eventTypeId ?? 0;
  }

  async #slotsOn(eventTypeId: number, date: string): Promise<string[]> {
    const r = await this.#client.slots.find({
      eventTypeId,
      start: date,
      end: date,
      timeZone: this.#tenant.zone,
    });
    return (r.slots[date] ?? []).map((s) => s.start);
  }

  /** The old check: the wished day, then the next two days re-checked one at a time. */
  async checkAvailability(
    service: string,
    date: string,
    time: string | undefined,
  ): Promise<number> {
    const started = performance.now();
    const eventTypeId = this.#eventType(service);
    const free = await this.#slotsOn(eventTypeId, date);
    if (time === undefined || !free.some((s) => s.slice(11, 16) === time)) {
      let day = new Date(`${date}T12:00:00Z`);
      for (let guess = 0; guess < 2; guess++) {
        day = new Date(day.getTime() + 86_400_000);
        await this.#slotsOn(eventTypeId, day.toISOString().slice(0, 10));
      }
    }
    return performance.now() - started;
  }

  /** The old name check: Levenshtein against every known person, in order. */
  resolveName(spoken: string): number {
    const started = performance.now();
    const wanted = spoken.toLowerCase();
    let best = Number.POSITIVE_INFINITY;
    for (const p of this.#people) best = Math.min(best, levenshtein(wanted, p.toLowerCase()));
    return performance.now() - started + (best < 0 ? 1 : 0);
  }

  /** The old booking: one create, no lock, no idempotency key. */
  async book(service: string, startIso: string, attendee: string): Promise<number> {
    const started = performance.now();
    await this.#client.bookings
      .create({
        eventTypeId: this.#eventType(service),
        start: new Date(startIso).toISOString(),
        attendee: {
          name: attendee,
          email: 'baseline@example.com',
          timeZone: this.#tenant.zone,
          language: 'de',
        },
      })
      .catch(() => undefined);
    return performance.now() - started;
  }

  /** A list of the caller's bookings (the old "my appointments" had no tool: one list call). */
  async listBookings(): Promise<number> {
    const started = performance.now();
    await this.#client.bookings.list({ take: 10 }).catch(() => undefined);
    return performance.now() - started;
  }
}
