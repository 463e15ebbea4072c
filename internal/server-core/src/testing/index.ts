// Test helpers of the reference servers: the shared suites and the probe app.
export { createProbeApp } from './probe-app.js';
export type { ProbeApp } from './probe-app.js';
export { describeAdapterContract, logSink } from './adapter-contract.js';
export type { AdapterHarness } from './adapter-contract.js';
