// The Fastify reference server: the embeddable plugin and the standalone server.
export { voicebookPlugin } from './plugin.js';
export type { VoicebookPluginOptions } from './plugin.js';
export { createFastifyServer, listenFastify } from './server.js';
export type { FastifyServerOptions } from './server.js';
