// The client's inputs: the public types (inputs/types), their zod schemas (inputs/schemas) and
// the parsers every method runs before anything is sent (inputs/parse).

export type * from './inputs/types.js';
export { isTimeZone } from './inputs/schemas.js';
export * from './inputs/parse.js';
