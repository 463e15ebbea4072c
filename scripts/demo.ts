/**
 * The voicebook demo: what a booking call exercises, in-process and without keys.
 *
 * 1. The caller names a person; the phonetic matcher resolves it, asks back when two names sound
 *    alike, and understands the spelled answer.
 * 2. Every step is recorded as SLIs; the `/slo` report shows the error budgets.
 *
 * Run: `pnpm demo` (root). Everything here is embedded: no Redis, no Cal.com account.
 */
import { createNameIndex } from '@voicebook/phonetic-matcher';
import { createSloMetrics } from '@voicebook/slo-metrics';

const line = (text = ''): void => {
  process.stdout.write(`${text}\n`);
};

const slo = createSloMetrics();

line('voicebook demo: resolving a spoken name the way a receptionist does\n');
const staff = createNameIndex([
  { id: 'st1', name: 'Stefan Schmidt', title: 'Dr.', gender: 'm', role: 'staff' },
  { id: 'sa1', name: 'Sandra Schmitt', gender: 'f', role: 'staff' },
  { id: 'ka1', name: 'Katharina Weber', gender: 'f', role: 'staff' },
  { id: 'mi1', name: 'Michael Hofmann', gender: 'm', role: 'staff' },
]);

const say = (text: string): void => line(`Caller: "${text}"`);

let timer = slo.startTimer('match_name');
let result = staff.match('Schmidt');
say('Ich möchte einen Termin bei Schmidt.');
line(
  `  → verdict ${result.verdict}; candidates ${result.candidates.map((c) => c.name).join(', ')}`,
);
if (result.verdict === 'ambiguous' && result.clarification) {
  line(`Agent: "${result.clarification.spellingDe}"`);
}
timer.end('ok');

timer = slo.startTimer('match_name');
say('S C H M I T T');
result = staff.refine(result, 'S C H M I T T');
line(`  → verdict ${result.verdict}: ${result.best?.name ?? '-'} (${result.best?.reason ?? '-'})`);
timer.end('ok');

for (const said of ['Bei der Kathi, bitte.', 'Herr Schmidt']) {
  timer = slo.startTimer('match_name');
  const r = staff.match(said);
  say(said);
  line(
    `  → verdict ${r.verdict}: ${r.best ? `${r.best.name} (${r.best.reason}, score ${r.best.score.toFixed(2)})` : '-'}`,
  );
  timer.end('ok');
}

slo.recordBookingAttempt({ outcome: 'success' });
slo.recordCall({ durationMs: 41_000, outcome: 'booked' });

line('\nSLO report (what GET /slo answers):');
for (const s of slo.evaluate().slos) {
  const sli = s.sli === null ? 'no events yet' : `${(s.sli * 100).toFixed(1)} %`;
  line(`  ${s.name.padEnd(28)} objective ${(s.objective * 100).toFixed(1)} %  SLI ${sli}`);
}
line('\nPrometheus exposition (first lines of GET /metrics):');
const metrics = await slo.metrics();
line(
  metrics
    .split('\n')
    .filter((l) => l.startsWith('voicebook_tool_calls_total'))
    .join('\n'),
);
