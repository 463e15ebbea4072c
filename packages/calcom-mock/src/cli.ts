import { parseArgs } from 'node:util';
import { startCalcomMock } from './mock-server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`calcom-mock: --port must be a TCP port, got ${values.port}\n`);
  process.exit(2);
}
const mock = await startCalcomMock({ port, host: values.host });
process.stdout.write(`calcom-mock listening on ${mock.url} (Bearer ${mock.apiKey})\n`);
const stop = (): void => {
  void mock.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
