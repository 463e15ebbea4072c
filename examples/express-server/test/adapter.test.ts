import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@voicebook/server-core';
import { describeAdapterContract, logSink } from '@voicebook/server-core/testing';
import express from 'express';
import { pinoHttp } from 'pino-http';
import { createVoicebookRouter } from '../src/router.js';
import { listenExpress } from '../src/server.js';

describeAdapterContract('express', {
  standalone: (app, log) =>
    listenExpress({
      app,
      config: { port: 0, host: '127.0.0.1' },
      logger: createLogger('info', log),
    }),
  embedded: async (app, prefix) => {
    // The host's own logger and its own JSON routes, mounted after the voicebook router.
    const host = express();
    host.use(pinoHttp({ logger: createLogger('warn', logSink().stream) }));
    host.use(prefix, createVoicebookRouter(app));
    host.use(express.json());
    host.get('/own', (_req, res) => {
      res.json({ own: true });
    });
    host.post('/own/echo', (req, res) => {
      res.json(req.body);
    });
    const server = host.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: async () => {
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
      },
    };
  },
});
