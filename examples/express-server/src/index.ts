// The Express reference server: the embeddable router and the standalone server.
export { createVoicebookRouter } from './router.js';
export type { VoicebookRouterOptions } from './router.js';
export { createExpressApp, listenExpress } from './server.js';
