import { createHmac } from 'node:crypto';
import type { CalcomFixture } from './fixture.js';
import type { BookingOutput } from './outputs.js';
import type { WebhookDelivery, WebhookSubscription, WebhookTrigger } from './types.js';

// Cal.com's webhooks as the stand-in sends them: one signed POST per subscription and trigger,
// queued while a write is in progress and sent only once its answer commits.

/** The stand-in's webhook sender. */
export type Webhooks = ReturnType<typeof createWebhooks>;

/** Creates the webhook sender for `fixture`'s user. */
export function createWebhooks(
  fixture: CalcomFixture,
  now: () => Date,
  initial: readonly WebhookSubscription[],
) {
  const webhooks: WebhookSubscription[] = [...initial];
  const deliveries: WebhookDelivery[] = [];
  const pendingDeliveries = new Set<Promise<void>>();
  /** Webhook sends of the request being handled: started only once its answer commits. */
  let outbox: Array<() => void> | undefined;

  /** Cal.com's webhook payload: the CalendarEvent plus event-type fields (NOTES.md §4). */
  const webhookPayload = (
    trigger: WebhookTrigger,
    b: BookingOutput,
    previous?: BookingOutput,
  ): Record<string, unknown> => {
    const et = fixture.eventTypes.find((e) => e.id === b.eventTypeId);
    const u = fixture.user;
    return {
      type: et?.slug ?? b.eventType.slug,
      title: b.title,
      description: b.description,
      additionalNotes: '',
      startTime: b.start,
      endTime: b.end,
      organizer: {
        id: u.id,
        name: u.name,
        email: u.email,
        username: u.username,
        timeZone: u.timeZone,
        language: { locale: 'de' },
        timeFormat: 'HH:mm',
      },
      attendees: b.attendees.map((a) => ({
        name: a.name,
        email: a.email,
        timeZone: a.timeZone,
        language: { locale: a.language },
        ...(a.phoneNumber ? { phoneNumber: a.phoneNumber } : {}),
      })),
      responses: b.bookingFieldsResponses,
      location: b.location,
      uid: b.uid,
      bookingId: b.id,
      eventTypeId: b.eventTypeId,
      eventTitle: et?.title ?? b.title,
      length: b.duration,
      price: 0,
      currency: 'eur',
      metadata: b.metadata ?? {},
      status: trigger === 'BOOKING_CANCELLED' ? 'CANCELLED' : 'ACCEPTED',
      ...(trigger === 'BOOKING_CANCELLED'
        ? {
            cancellationReason: b.cancellationReason ?? null,
            cancelledBy: u.email,
            requestReschedule: false,
          }
        : {}),
      ...(trigger === 'BOOKING_RESCHEDULED' && previous
        ? {
            rescheduleId: previous.id,
            rescheduleUid: previous.uid,
            rescheduleStartTime: previous.start,
            rescheduleEndTime: previous.end,
            rescheduledBy: u.email,
          }
        : {}),
    };
  };

  /** Sends `trigger` to every subscription that wants it; asynchronous, never throws. */
  const fire = (trigger: WebhookTrigger, b: BookingOutput, previous?: BookingOutput): void => {
    if (outbox) {
      const snapshot = structuredClone(b);
      const before = previous && structuredClone(previous);
      outbox.push(() => {
        fireNow(trigger, snapshot, before);
      });
      return;
    }
    fireNow(trigger, b, previous);
  };

  const fireNow = (trigger: WebhookTrigger, b: BookingOutput, previous?: BookingOutput): void => {
    for (const sub of webhooks) {
      if (sub.triggers && !sub.triggers.includes(trigger)) continue;
      const body = JSON.stringify({
        triggerEvent: trigger,
        createdAt: now().toISOString(),
        payload: webhookPayload(trigger, b, previous),
      });
      const signature = sub.secret
        ? createHmac('sha256', sub.secret).update(body).digest('hex')
        : 'no-secret-provided';
      const delivery = (async () => {
        let status: number | 'error';
        try {
          const res = await fetch(sub.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-cal-signature-256': signature,
              'x-cal-webhook-version': '2021-10-20',
            },
            body,
            redirect: 'manual',
            signal: AbortSignal.timeout(10_000),
          });
          await res.arrayBuffer().catch(() => undefined);
          status = res.status;
        } catch {
          status = 'error';
        }
        deliveries.push({ url: sub.url, trigger, status, body, signature });
      })();
      pendingDeliveries.add(delivery);
      void delivery.finally(() => pendingDeliveries.delete(delivery));
    }
  };

  return {
    fire,
    /** Queues every send from now on until {@link end} (a write in progress). */
    begin(): void {
      outbox = [];
    },
    /** Sends what was queued since {@link begin}. */
    commit(): void {
      const queued = outbox ?? [];
      outbox = [];
      for (const send of queued) send();
    },
    /** Stops queueing; what is still queued is dropped (the write failed). */
    end(): void {
      outbox = undefined;
    },
    add(subscription: WebhookSubscription): void {
      webhooks.push(subscription);
    },
    deliveries: (): WebhookDelivery[] => deliveries.slice(),
    async flush(): Promise<void> {
      while (pendingDeliveries.size > 0) await Promise.allSettled([...pendingDeliveries]);
    },
    reset(): void {
      deliveries.length = 0;
    },
  };
}
