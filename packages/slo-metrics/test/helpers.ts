import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSloMetrics, type SloMetrics } from '../src/index.js';

export const PROMTOOL = process.env.PROMTOOL ?? '/usr/bin/promtool';
export const PROMETHEUS = process.env.PROMETHEUS ?? '/usr/bin/prometheus';

/** Runs a binary, resolving with its exit code and output (never rejects on a non-zero exit). */
export function run(
  bin: string,
  args: string[],
  options: { cwd?: string; stdin?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

export async function tempDir(
  label: string,
): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `slo-metrics-${label}-`));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** A metrics hub with at least one sample in every metric family. */
export function populatedMetrics(): SloMetrics {
  const m = createSloMetrics();
  m.recordToolCall({ tool: 'check_availability', durationMs: 420, outcome: 'ok' });
  m.recordToolCall({ tool: 'book_appointment', durationMs: 6_000, outcome: 'error' });
  m.recordCall({ durationMs: 48_000, outcome: 'booked' });
  m.recordBookingAttempt({ outcome: 'success' });
  m.onCalcomEvent({ type: 'request:done', operation: 'getSlots', status: 200, durationMs: 310 });
  m.onCalcomEvent({ type: 'request:failed', operation: 'createBooking', code: 'E_CALCOM_TIMEOUT' });
  m.onCalcomEvent({ type: 'cache:hit', layer: 'l1', keyGroup: 'slots' });
  m.onCalcomEvent({ type: 'cache:miss', keyGroup: 'slots' });
  m.onCalcomEvent({ type: 'breaker:state', group: 'calcom', state: 'closed' });
  return m;
}
