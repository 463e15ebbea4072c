import { parseArgs } from 'node:util';
import { loadFixture, type CalcomFixture } from './fixture.js';
import { startCalcomMock, type CalcomMockOptions } from './mock-server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    latency: { type: 'string', default: 'none' },
    seed: { type: 'string', default: '1' },
    'rate-limit': { type: 'boolean', default: false },
    webhook: { type: 'string', multiple: true },
    'webhook-secret': { type: 'string' },
    contract: { type: 'string', default: 'off' },
    fixture: { type: 'string' },
    'error-rate': { type: 'string', default: '0' },
    'error-burst': { type: 'string', default: '1' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    [
      'Usage: calcom-mock [options]',
      '  --port <n>            TCP port, 0 for a free one (default 8787)',
      '  --host <addr>         interface (default 127.0.0.1)',
      '  --latency <mode>      none | realistic (default none)',
      '  --seed <n>            seed of latency and error draws (default 1)',
      '  --rate-limit          Cal.com throttler: 120 requests / 60 s per key',
      '  --webhook <url>       webhook subscriber (repeatable)',
      '  --webhook-secret <s>  HMAC secret of the webhooks',
      '  --contract <mode>     off | record | throw (default off)',
      '  --fixture <file>      calendar fixture (JSON)',
      '  --error-rate <0..1>   share of requests that fail (default 0)',
      '  --error-burst <n>     requests one failure lasts (default 1)',
      '  -h, --help            this help',
      '',
    ].join('\n'),
  );
  process.exit(0);
}
const fail = (message: string): never => {
  process.stderr.write(`calcom-mock: ${message}\n`);
  process.exit(2);
};
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  fail(`--port must be a TCP port, got ${values.port}`);
}
const seed = Number(values.seed);
if (!Number.isInteger(seed)) fail(`--seed must be an integer, got ${values.seed}`);
if (values.latency !== 'none' && values.latency !== 'realistic') {
  fail(`--latency must be none or realistic, got ${values.latency}`);
}
if (!['off', 'record', 'throw'].includes(values.contract)) {
  fail(`--contract must be off, record or throw, got ${values.contract}`);
}
const errorRate = Number(values['error-rate']);
if (!(errorRate >= 0 && errorRate <= 1)) {
  fail(`--error-rate must be between 0 and 1, got ${values['error-rate']}`);
}
const errorBurst = Number(values['error-burst']);
if (!Number.isInteger(errorBurst) || errorBurst < 1) {
  fail(`--error-burst must be a positive integer, got ${values['error-burst']}`);
}
let fixture: CalcomFixture | undefined;
if (values.fixture !== undefined) {
  try {
    fixture = loadFixture(values.fixture);
  } catch (error) {
    fail(`--fixture ${values.fixture}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
const options: CalcomMockOptions = {
  port,
  ...(fixture ? { fixture } : {}),
  host: values.host,
  seed,
  latency: values.latency as 'none' | 'realistic',
  rateLimit: values['rate-limit'] ? {} : false,
  contract: values.contract as 'off' | 'record' | 'throw',
  webhooks: (values.webhook ?? []).map((url) => ({
    url,
    ...(values['webhook-secret'] ? { secret: values['webhook-secret'] } : {}),
  })),
};
const mock = await startCalcomMock(options);
if (errorRate > 0) mock.setErrorRate('*', { rate: errorRate, burst: errorBurst });
process.stdout.write(`calcom-mock listening on ${mock.url} (Bearer ${mock.apiKey})\n`);
const stop = (): void => {
  mock.close().then(
    () => process.exit(0),
    (error: unknown) => {
      // `--contract throw`: the answers that broke the contract
      process.stderr.write(
        `calcom-mock: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(1);
    },
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
