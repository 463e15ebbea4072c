import fc from 'fast-check';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createSloMetrics } from './metrics.js';

// onCalcomEvent is fed straight from another package's onEvent: whatever arrives must be
// ignored or counted as `other`, never thrown back into the emitter.

const TYPES = [
  'request:done',
  'request:failed',
  'cache:hit',
  'cache:miss',
  'cache:stale',
  'cache:coalesced',
  'breaker:state',
];
const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

describe('onCalcomEvent with hostile input', () => {
  it('ignores null, undefined and non-objects', async () => {
    const m = createSloMetrics({ registry: new Registry() });
    for (const e of [null, undefined, 0, 'breaker:state', true]) {
      expect(() => {
        m.onCalcomEvent(e as never);
      }).not.toThrow();
    }
    await expect(m.metrics()).resolves.toContain('breaker');
  });

  it('does not throw for a breaker state or group named after an Object.prototype member', async () => {
    const m = createSloMetrics({ registry: new Registry() });
    for (const name of PROTO_NAMES) {
      expect(() => {
        m.onCalcomEvent({ type: 'breaker:state', group: 'read', state: name as never });
        m.onCalcomEvent({ type: 'breaker:state', group: name, state: 'open' });
        m.onCalcomEvent({ type: 'cache:hit', layer: name as never, keyGroup: name });
        m.onCalcomEvent({ type: 'request:failed', operation: name, code: name });
      }).not.toThrow();
    }
    const text = await m.metrics();
    for (const name of PROTO_NAMES) expect(text).not.toContain(`"${name}"`);
  });

  it('never throws for any event shape (property)', () => {
    const m = createSloMetrics({ registry: new Registry() });
    const field = fc.oneof(
      fc.anything(),
      fc.constantFrom(...PROTO_NAMES),
      fc.constantFrom('open', 'closed', 'half-open', 'l1', 'l2', 'getSlots'),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...TYPES),
        fc.dictionary(
          fc.constantFrom(
            'operation',
            'status',
            'durationMs',
            'code',
            'layer',
            'keyGroup',
            'group',
            'state',
          ),
          field,
        ),
        (type, rest) => {
          m.onCalcomEvent({ ...rest, type });
        },
      ),
      { numRuns: 500 },
    );
  });
});
