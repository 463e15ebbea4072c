// The server contract again with DATABASE_URL set (records in PostgreSQL).
import { describePostgresServerContract } from '@voicebook/server-core/testing';
import { listenFastify } from '../src/server.js';

describePostgresServerContract('fastify', (app, config) => listenFastify({ app, config }));
