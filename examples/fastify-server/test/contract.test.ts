import { createVoicebookApp, loadConfig } from '@voicebook/server-core';
import { describeServerContract } from '@voicebook/server-core/testing';
import { listenFastify } from '../src/server.js';

describeServerContract('fastify', async (env) => {
  const config = loadConfig(env);
  const app = await createVoicebookApp(config);
  const server = await listenFastify({ app, config });
  return { url: server.url, app, close: () => server.close() };
});
