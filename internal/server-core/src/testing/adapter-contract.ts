import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicebookApp } from '../app.js';
import { BODY_LIMIT_BYTES } from '../http.js';
import type { RunningServer } from '../start.js';
import { createProbeApp, type ProbeApp } from './probe-app.js';

/** How a framework's server is started for {@link describeAdapterContract}. */
export interface AdapterHarness {
  /** The standalone server around `app`, writing its JSON log lines to `log`. */
  standalone(app: VoicebookApp, log: Writable): Promise<RunningServer>;
  /**
   * A foreign app with routes of its own — `GET /own` answering `{ "own": true }` and
   * `POST /own/echo` answering the JSON body it parsed with its own parser — and its own logger,
   * with the voicebook unit mounted under `prefix`.
   */
  embedded(app: VoicebookApp, prefix: string): Promise<RunningServer>;
}

/** Collects JSON log lines. */
export function logSink(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * The framework adapter's contract, run against Express and Fastify alike over real HTTP with a
 * probe app: raw bytes reach the core unchanged, the body limit, request ids, errors without
 * detail, redacted logs, mounting under a prefix beside foreign routes, graceful shutdown.
 *
 * @param name - The framework.
 * @param harness - How to start its servers.
 */
export function describeAdapterContract(name: string, harness: AdapterHarness): void {
  describe(`${name} adapter`, () => {
    let app: ProbeApp;
    let server: RunningServer;
    const log = logSink();
    beforeAll(async () => {
      app = createProbeApp();
      server = await harness.standalone(app, log.stream);
    });
    afterAll(async () => {
      await server.close();
    });

    const post = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });

    it.each([
      '/retell/tools',
      '/retell/tools/check_availability',
      '/retell/webhook',
      '/retell/inbound',
      '/calcom/webhook',
    ])('hands the exact raw bytes of POST %s to the core', async (path) => {
      // Whitespace, key order and escapes a re-serialisation would change.
      const body = '{ "name":"check_availability" ,"args":{"datum":"morgen","x":"\\u00e4ö"}}  ';
      const res = await post(path, body);
      expect(res.status).toBe(200);
      const seen = (await res.json()) as {
        sha256: string;
        length: number;
        params: Record<string, string>;
      };
      expect(seen.sha256).toBe(sha(body));
      expect(seen.length).toBe(Buffer.byteLength(body));
      expect(res.headers.get('server-timing')).toMatch(/^core;dur=\d+\.\d{2}$/);
      if (path.endsWith('check_availability')) expect(seen.params.name).toBe('check_availability');
    });

    it('keeps the bytes whatever the content type says', async () => {
      const body = Buffer.from([0x7b, 0xff, 0x00, 0x7d]);
      const res = await post('/retell/webhook', body, { 'content-type': 'text/plain' });
      expect(((await res.json()) as { sha256: string }).sha256).toBe(sha(body));
    });

    it('accepts a body of exactly 1 MB and answers 413 JSON past it', async () => {
      const ok = await post('/retell/webhook', Buffer.alloc(BODY_LIMIT_BYTES, 0x20));
      expect(ok.status).toBe(200);
      const tooLarge = await post('/retell/tools', Buffer.alloc(BODY_LIMIT_BYTES + 1, 0x20));
      expect(tooLarge.status).toBe(413);
      expect(await tooLarge.json()).toMatchObject({ error: { code: 'E_PAYLOAD_TOO_LARGE' } });
    });

    it('serves the GET routes with their own content type and only the listed methods', async () => {
      const metrics = await fetch(`${server.url}/metrics`);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await metrics.text()).toBe('probe_total 1\n');
      for (const path of ['/slo', '/healthz', '/readyz']) {
        expect((await fetch(`${server.url}${path}`)).status).toBe(200);
      }
      expect((await fetch(`${server.url}/retell/tools`)).status).toBe(404);
      expect((await post('/healthz', '{}')).status).toBe(404);
    });

    it('echoes X-Request-Id and makes a fresh one otherwise', async () => {
      const given = await post('/retell/inbound', '{}', { 'x-request-id': 'req-123' });
      expect(given.headers.get('x-request-id')).toBe('req-123');
      const a = (await post('/retell/inbound', '{}')).headers.get('x-request-id');
      const b = (await post('/retell/inbound', '{}')).headers.get('x-request-id');
      expect(a).toBeTruthy();
      expect(a).not.toBe(b);
    });

    it('answers 500 without detail when the core throws, and logs no phone number', async () => {
      const res = await post('/retell/inbound', '{}', { 'x-probe-throw': '1' });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toContain('probe failure');
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'E_INTERNAL' } });
    });

    it('writes JSON request logs with request ids and without the numbers of the request', async () => {
      await post('/retell/tools?from=%2B4917012345678&caller=0171%201234567', '{}', {
        'x-request-id': 'req-log-1',
        'x-caller-number': '+4917012345678',
      });
      await new Promise((r) => setTimeout(r, 50));
      const lines = log.lines.filter((l) => l.includes('req-log-1'));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
      const all = log.lines.join('\n');
      expect(all).not.toMatch(/4917012345678|1234567/);
    });

    it('lets an in-flight request finish on close, then closes the app', async () => {
      const own = createProbeApp();
      const s = await harness.standalone(own, logSink().stream);
      const inFlight = post2(s.url, '/retell/webhook', { 'x-probe-delay-ms': '300' });
      await new Promise((r) => setTimeout(r, 100));
      const closing = s.close();
      const res = await inFlight;
      expect(res.status).toBe(200);
      await closing;
      expect(own.closeCalls).toBe(1);
      await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
    });

    it('mounts under a prefix of the host app beside its own routes', async () => {
      const own = createProbeApp();
      const host = await harness.embedded(own, '/voice');
      try {
        expect(await (await fetch(`${host.url}/own`)).json()).toEqual({ own: true });
        const echoed = await fetch(`${host.url}/own/echo`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"host": "parsed"}',
        });
        expect(await echoed.json()).toEqual({ host: 'parsed' });
        const body = '{"a": 1}';
        const res = await fetch(`${host.url}/voice/retell/tools/list_services`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        expect(((await res.json()) as { sha256: string }).sha256).toBe(sha(body));
        expect((await fetch(`${host.url}/retell/tools`, { method: 'POST', body })).status).toBe(
          404,
        );
      } finally {
        await host.close();
      }
    });
  });
}

// A plain node:http request that does not share fetch's keep-alive pool with the test.
function post2(
  base: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${path}`,
      { method: 'POST', headers: { ...headers, 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}
