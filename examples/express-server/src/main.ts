// `pnpm start`: the standalone Express server, configured from the environment.
import { startServer } from '@voicebook/server-core';
import { listenExpress } from './server.js';

await startServer(listenExpress);
