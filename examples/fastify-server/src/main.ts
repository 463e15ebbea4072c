// `pnpm start`: the standalone Fastify server, configured from the environment.
import { startServer } from '@voicebook/server-core';
import { listenFastify } from './server.js';

await startServer(listenFastify);
