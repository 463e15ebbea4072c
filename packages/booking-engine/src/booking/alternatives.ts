// Alternatives for a taken wish, from the availability check (one range query).
import type { CallContext, EngineCallOptions } from '../engine-api.js';
import type { EngineDeps } from './deps.js';
import type { SlotWish } from './validate.js';

/**
 * At most 3 nearest free starts other than the wish itself (treated as taken even where the
 * cached slots still list it: another booking of it is under way or Cal.com refused it); `[]`
 * when the calendar cannot say
 * (the answer is still "taken", never an exception).
 * @internal
 */
export async function alternativesFor(
  deps: EngineDeps,
  ctx: CallContext,
  wish: SlotWish,
  options?: EngineCallOptions,
): Promise<string[]> {
  try {
    const result = await deps.availability(
      ctx,
      { serviceId: wish.service.id, staffId: wish.staff?.id, start: wish.start },
      options,
      wish.startMs,
    );
    return result.alternatives.filter((a) => Date.parse(a) !== wish.startMs).slice(0, 3);
  } catch {
    return [];
  }
}
