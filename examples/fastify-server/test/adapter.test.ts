import { createLogger } from '@voicebook/server-core';
import { describeAdapterContract, logSink } from '@voicebook/server-core/testing';
import Fastify from 'fastify';
import { listenFastify } from '../src/server.js';
import { voicebookPlugin } from '../src/plugin.js';

describeAdapterContract('fastify', {
  standalone: (app, log) =>
    listenFastify({
      app,
      config: { port: 0, host: '127.0.0.1' },
      logger: createLogger('info', log),
    }),
  embedded: async (app, prefix) => {
    // The host's own logger and its own JSON routes: the plugin's raw parser stays inside it.

    const host = Fastify({
      loggerInstance: createLogger('warn', logSink().stream),
    });
    host.get('/own', () => ({ own: true }));
    host.post('/own/echo', (req) => req.body);
    await host.register(voicebookPlugin, { app, prefix });
    const url = await host.listen({ port: 0, host: '127.0.0.1' });
    return { url, close: () => host.close() };
  },
});
