// The server contract again with DATABASE_URL set (records in PostgreSQL).
import { describePostgresServerContract } from '@voicebook/server-core/testing';
import { listenExpress } from '../src/server.js';

describePostgresServerContract('express', (app, config) => listenExpress({ app, config }));
