import { describe, expect, it } from 'vitest';
import type { InvalidationBus, InvalidationMessage } from '../cache/types.js';
import { sleep, withPort, type PortFactory } from './under-test.js';

async function until(cond: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/**
 * The behaviour every {@link InvalidationBus} adapter must have, as a vitest suite: a message
 * reaches every subscription (with its `tags` and `byTime`), in the order one publisher sent
 * them, and an unsubscribed handler hears nothing more.
 * @param name - shown in the suite's title.
 * @param factory - builds a fresh adapter for every test (and its cleanup).
 * @returns nothing; registers the suite with vitest's `describe`.
 * @example
 * ```ts
 * describeInvalidationBusContract('MemoryInvalidationBus', async () => ({
 *   store: new MemoryInvalidationBus(),
 * }));
 * ```
 */
export function describeInvalidationBusContract(
  name: string,
  factory: PortFactory<InvalidationBus>,
): void {
  const test = (title: string, fn: (bus: InvalidationBus) => Promise<void>) =>
    it(title, () => withPort(factory, fn));

  describe(`${name} as InvalidationBus`, () => {
    test('delivers a message to every subscription, as sent', async (bus) => {
      const a: InvalidationMessage[] = [];
      const b: InvalidationMessage[] = [];
      const handlers = (into: InvalidationMessage[]) => ({
        onMessage: (m: InvalidationMessage) => into.push(m),
        onConnectionChange: () => undefined,
      });
      const offA = await bus.subscribe(handlers(a));
      const offB = await bus.subscribe(handlers(b));
      const message = { origin: 'x', tags: { 'acct:day:2026-11-26': 3, 'et:1': 1 } };
      await bus.publish(message);
      await bus.publish({ origin: 'y', tags: {}, byTime: ['et:2'] });
      await until(() => a.length === 2 && b.length === 2, 'both messages on both subscriptions');
      expect(a).toEqual([message, { origin: 'y', tags: {}, byTime: ['et:2'] }]);
      expect(b).toEqual(a);
      await offA();
      await offB();
    });

    test('keeps the order of one publisher', async (bus) => {
      const got: number[] = [];
      const off = await bus.subscribe({
        onMessage: (m) => got.push(m.tags.t ?? -1),
        onConnectionChange: () => undefined,
      });
      for (let i = 1; i <= 20; i++) await bus.publish({ origin: 'p', tags: { t: i } });
      await until(() => got.length === 20, '20 messages');
      expect(got).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      await off();
    });

    test('stops delivering to a handler once it unsubscribed', async (bus) => {
      const stays: InvalidationMessage[] = [];
      const leaves: InvalidationMessage[] = [];
      const offStays = await bus.subscribe({
        onMessage: (m) => stays.push(m),
        onConnectionChange: () => undefined,
      });
      const offLeaves = await bus.subscribe({
        onMessage: (m) => leaves.push(m),
        onConnectionChange: () => undefined,
      });
      await offLeaves();
      await bus.publish({ origin: 'p', tags: { t: 1 } });
      await until(() => stays.length === 1, 'the message on the remaining subscription');
      await sleep(50);
      expect(leaves).toEqual([]);
      await offStays();
    });
  });
}
