/**
 * One server of the load runs in its own process, so the load driver never shares its event
 * loop: `FRAMEWORK=fastify|express`, the configuration from the environment
 * (`STAND_IN_LATENCY` = `none` or a JSON latency table for the embedded stand-in), and a bare JSON
 * route of the same framework on a second port. Prints `voicebook-load-server-listening { url,
 * bareUrl, pid }` once listening.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import { listenExpress } from '@voicebook/express-server';
import { listenFastify } from '@voicebook/fastify-server';
import {
  createLogger,
  createVoicebookApp,
  loadConfig,
  type RunningServer,
} from '@voicebook/server-core';

/** What the bare route answers: about the size of a check_availability answer. */
export const BARE_ANSWER = { result: 'available', say: 'Am Montag um 10:00 Uhr ist noch frei.' };

async function bare(fw: 'fastify' | 'express'): Promise<RunningServer> {
  if (fw === 'fastify') {
    const f = Fastify();
    f.post('/bare', () => BARE_ANSWER);
    const url = await f.listen({ port: 0, host: '127.0.0.1' });
    return { url, close: () => f.close() };
  }
  const e = express();
  e.post('/bare', express.json(), (_req, res) => {
    res.json(BARE_ANSWER);
  });
  const s = e.listen(0, '127.0.0.1');
  await once(s, 'listening');
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    close: () => new Promise((r) => s.close(() => r())),
  };
}

/** Starts the line with the addresses (the server's own log lines may come before it). */
const LISTENING = 'voicebook-load-server-listening';

const fw = process.env.FRAMEWORK === 'express' ? 'express' : 'fastify';
const config = loadConfig(process.env);
const latency = process.env.STAND_IN_LATENCY;
const logger = createLogger(config.logLevel);
const app = await createVoicebookApp(config, {
  logger,
  standInLatency:
    latency === undefined || latency === 'none'
      ? 'none'
      : (JSON.parse(latency) as Record<string, { minMs: number; maxMs: number }>),
});
const server =
  fw === 'fastify'
    ? await listenFastify({ app, config, logger })
    : await listenExpress({ app, config, logger });
const b = await bare(fw);
process.stdout.write(
  `${LISTENING} ${JSON.stringify({ url: server.url, bareUrl: b.url, pid: process.pid })}\n`,
);
const stop = () => {
  void Promise.allSettled([b.close(), server.close()]).then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
