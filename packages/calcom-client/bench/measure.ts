// Timing helpers shared by the bench sections.

/** The p-th percentile of `samples` (nearest rank). */
export function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}
export const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
export const ratio = (a: number, b: number) => `${(a / b).toFixed(3)}×`;

export async function time(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(500, n); i++) await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}
