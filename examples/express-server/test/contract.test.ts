import { createVoicebookApp, loadConfig } from '@voicebook/server-core';
import { describeServerContract } from '@voicebook/server-core/testing';
import { listenExpress } from '../src/server.js';

describeServerContract('express', async (env) => {
  const config = loadConfig(env);
  const app = await createVoicebookApp(config);
  const server = await listenExpress({ app, config });
  return { url: server.url, app, close: () => server.close() };
});
