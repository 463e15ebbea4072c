// Every error `@voicebook/calcom-client` throws, one module per kind: the base class and its
// brand (errors/base), input and configuration (errors/input), Cal.com's refusals (errors/answers),
// transport and answers that are no answer (errors/transport), booking state and webhooks
// (errors/booking).

export * from './errors/base.js';
export * from './errors/input.js';
export * from './errors/answers.js';
export * from './errors/transport.js';
export * from './errors/booking.js';
