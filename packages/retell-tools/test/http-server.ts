// A tiny node:http server over a framework-free handler: what the Express / Fastify adapters do.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RetellHttpRequest, RetellHttpResponse } from '../src/index.js';

export interface TestServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function serve(
  handler: (request: RetellHttpRequest) => Promise<RetellHttpResponse>,
): Promise<TestServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handler({
        method: req.method ?? 'GET',
        headers: req.headers,
        rawBody: new Uint8Array(Buffer.concat(chunks)),
        path: req.url,
      }).then((answer) => res.writeHead(answer.status, answer.headers).end(answer.body));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
