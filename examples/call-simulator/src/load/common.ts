// Small helpers shared by the load scenarios.
import { loadavg } from 'node:os';
import { nextWeekday } from '@voicebook/server-core/client';

export const out = (t = ''): void => void process.stdout.write(`${t}\n`);
export const KEY = 'key_load_0123456789abcdef';
export type Framework = 'fastify' | 'express';

/** The stand-in's latency in the scenarios: Cal.com as measured by the old service. */
export const REALISTIC = {
  'slots.find': { minMs: 300, maxMs: 800 },
  'bookings.create': { minMs: 500, maxMs: 2000 },
  '*': { minMs: 100, maxMs: 400 },
};

/** The `call` object of a tool call (demo tenant, a caller's number). */
export const retellCall = (id: string, from = '+4917012340000') => ({
  call_id: id,
  agent_id: 'agent_demo',
  from_number: from,
  to_number: '+4930123456',
  direction: 'inbound' as const,
  call_type: 'phone_call',
});

/** Slot-cache look-ups by result, summed from a server's `/metrics`. */
export async function cacheCounts(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith('voicebook_cache_requests_total{') || !line.includes('key_group="slots"'))
      continue;
    const result = /result="([a-z]+)"/.exec(line)?.[1] ?? '?';
    counts[result] = (counts[result] ?? 0) + Number(line.split(' ').pop());
  }
  return counts;
}

/** Hit rate between two {@link cacheCounts} readings (coalesced joins count as hits). */
export function hitRate(before: Record<string, number>, after: Record<string, number>): number {
  const d = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
  const hits = d('hit') + d('coalesced');
  const all = hits + d('miss') + d('stale');
  return all === 0 ? Number.NaN : hits / all;
}

/** A weekday `ahead` days out, for wishes. */
export const day = (ahead: number): string => nextWeekday(ahead);

/** Load average of this machine, as `uptime` prints it. */
export const loadAverage = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
