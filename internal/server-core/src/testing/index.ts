// Test helpers of the reference servers: the shared suites and the probe app.
export { createProbeApp } from './probe-app.js';
export type { ProbeApp } from './probe-app.js';
export { describeAdapterContract, logSink } from './adapter-contract.js';
export type { AdapterHarness } from './adapter-contract.js';
export { describeServerContract, CONTRACT_ENV } from './server-contract.js';
export type { ContractServer } from './server-contract.js';
export { RetellClient, signCalcomWebhook, nextWeekday } from './retell-client.js';
export type { RetellCall, TimedAnswer } from './retell-client.js';
export { createTestDatabase } from './test-database.js';
export type { TestDatabase } from './test-database.js';
export { describePostgresServerContract } from './postgres-contract.js';
