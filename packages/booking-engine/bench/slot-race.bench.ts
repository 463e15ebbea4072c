// Callers racing for one slot, the stand-in at Cal.com's realistic latency: how long the losers
// wait for "taken" with the default (answer at once) beside a 2 s bounded wait (the old default),
// measured in the same run.
import { startCalcomMock, type CalcomMock } from '@voicebook/calcom-mock';
import { createCalcomCalendarProvider } from '../src/calcom/calcom-calendar-provider.js';
import { createBookingEngine } from '../src/engine.js';
import { MemoryTenantDirectory } from '../src/tenants/memory-tenant-directory.js';
import { NOW, salonTenant } from '../test/availability/salon.js';

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** One round: `callers` book the same start at once after a prefetch; times per outcome. */
async function round(mock: CalcomMock, lockWaitMs: number, callers: number, start: string) {
  const engine = createBookingEngine({
    tenants: new MemoryTenantDirectory([salonTenant(mock)]),
    calendar: createCalcomCalendarProvider(),
    now: () => NOW,
    lockWaitMs,
  });
  const first = await engine.resolveCall({ callId: 'warm', toNumber: '+4930123456' });
  await engine.prefetch(first);
  const won: number[] = [];
  const lost: number[] = [];
  await Promise.all(
    Array.from({ length: callers }, async (_, i) => {
      const ctx = await engine.resolveCall({
        callId: `race-${String(lockWaitMs)}-${start}-${String(i)}`,
        toNumber: '+4930123456',
        fromNumber: `+49171${String(3_000_000 + i)}`,
      });
      const t0 = performance.now();
      const r = await engine.book(ctx, { serviceId: 'cut', start });
      (r.status === 'booked' ? won : lost).push(performance.now() - t0);
    }),
  );
  return { won, lost };
}

/** Prints loser and winner p50 / p95 for both settings, with the ratio. */
export async function runSlotRaceBench(rounds = 6, callers = 10): Promise<void> {
  const mock = await startCalcomMock({
    port: 0,
    now: () => new Date(NOW),
    latency: 'realistic',
    seed: 11,
    contract: 'off',
  });
  try {
    const all = {
      0: { won: [] as number[], lost: [] as number[] },
      2000: { won: [] as number[], lost: [] as number[] },
    };
    const hours = ['09:30', '10:30', '11:30', '12:30', '13:30', '14:30', '15:30', '16:30'];
    for (let i = 0; i < rounds; i++) {
      // Alternate the settings so both see the same load; a fresh slot each round.
      for (const wait of i % 2 === 0 ? ([0, 2000] as const) : ([2000, 0] as const)) {
        const hour = hours[(i * 2 + (wait === 0 ? 0 : 1)) % hours.length]!;
        const day = `2026-11-${String(26 + Math.floor((i * 2 + (wait === 0 ? 0 : 1)) / hours.length))}`;
        const r = await round(mock, wait, callers, `${day}T${hour}:00.000+01:00`);
        all[wait].won.push(...r.won);
        all[wait].lost.push(...r.lost);
      }
    }
    const f = (x: number) => `${x.toFixed(0)} ms`;
    console.log(
      `\nSlot race, ${String(callers)} callers per slot × ${String(rounds)} rounds, stand-in 'realistic'`,
    );
    for (const [name, k] of [
      ['at once (lockWaitMs 0)', 0],
      ['2 s wait (old default)', 2000],
    ] as const) {
      const { won, lost } = all[k];
      console.log(
        `${name.padEnd(24)} loser p50 ${f(pct(lost, 50))} p95 ${f(pct(lost, 95))} (n=${String(lost.length)}); winner p50 ${f(pct(won, 50))} p95 ${f(pct(won, 95))} (n=${String(won.length)})`,
      );
    }
    console.log(
      `loser p95 ratio at once / 2 s wait: ${(pct(all[0].lost, 95) / pct(all[2000].lost, 95)).toFixed(2)}×`,
    );
  } finally {
    await mock.close();
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) await runSlotRaceBench();
