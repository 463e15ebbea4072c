import { IANAZone } from 'luxon';
import { z } from 'zod';
import { normalizePhone } from '../phone.js';
import type { IsoWeekday, OpeningInterval, TenantPolicies } from '../types.js';

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const WEEKDAYS: Readonly<Record<string, IsoWeekday>> = {
  '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7,
  mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7,
  mo: 1, di: 2, mi: 3, do: 4, fr: 5, sa: 6, so: 7,
}; // prettier-ignore

const workday = [{ open: '09:00', close: '18:00' }] as const;

/**
 * The policies a tenant gets for every field it leaves out:
 * - `minNoticeToBookMinutes: 60`: a booking starts at least an hour from now, so the salon sees it
 *   in time.
 * - `minNoticeToCancelMinutes: 1440`, `minNoticeToRescheduleMinutes: 1440`: cancel or move at
 *   least 24 h ahead (the usual salon and practice rule); later, the caller is asked to phone the
 *   business.
 * - `maxDaysAhead: 60`: about two months of calendar.
 * - `businessHours`: Monday to Friday 09:00–18:00, Saturday 09:00–14:00, Sunday closed.
 * - `whenCalendarDown: 'accept-pending'`: while Cal.com is down a wish is noted, with the caller's
 *   consent, and booked later; nothing is lost.
 *
 * A tenant that gives `businessHours` replaces the whole week (days it leaves out are closed).
 *
 * @example
 * ```ts
 * DEFAULT_TENANT_POLICIES.businessHours[6]; // [{ open: '09:00', close: '14:00' }]
 * ```
 */
export const DEFAULT_TENANT_POLICIES: TenantPolicies = Object.freeze({
  minNoticeToBookMinutes: 60,
  minNoticeToCancelMinutes: 24 * 60,
  minNoticeToRescheduleMinutes: 24 * 60,
  maxDaysAhead: 60,
  businessHours: Object.freeze({
    1: workday,
    2: workday,
    3: workday,
    4: workday,
    5: workday,
    6: [{ open: '09:00', close: '14:00' }],
  }),
  whenCalendarDown: 'accept-pending',
});

const text = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');
const spokenName = text.refine((s) => /\p{L}/u.test(s), 'must contain a letter');
const id = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[\w.:@-]+$/, 'may only contain letters, digits and . _ : @ -');
const positiveInt = z
  .number()
  .int('must be a positive integer')
  .positive('must be a positive integer');
const minutes = z
  .number()
  .int('must be a whole number of minutes')
  .min(0, 'must not be negative')
  .max(366 * 24 * 60, 'must be at most a year');
const eventTypeId = z
  .number()
  .int('must be a Cal.com event type id (a positive integer)')
  .positive('must be a Cal.com event type id (a positive integer)');

const e164 = z.string().transform((raw, ctx) => {
  const out = raw.trim().startsWith('+') ? normalizePhone(raw) : undefined;
  if (out === undefined) {
    // The value itself is never echoed: it is a phone number.
    ctx.addIssue({
      code: 'custom',
      message: 'must be a valid phone number in E.164 (+4930123456)',
    });
    return z.NEVER;
  }
  return out;
});

const interval = z
  .strictObject({
    open: z.string().regex(HHMM, 'must be a time HH:MM'),
    close: z.string().regex(HHMM, 'must be a time HH:MM'),
  })
  .refine((i) => i.open < i.close, { message: 'must be after open', path: ['close'] });

const businessHours = z.record(z.string(), z.array(interval)).transform((week, ctx) => {
  const out: Partial<Record<IsoWeekday, readonly OpeningInterval[]>> = {};
  for (const [key, intervals] of Object.entries(week)) {
    const day = WEEKDAYS[key.toLowerCase()];
    if (day === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: 'must be a weekday: 1–7 (Monday = 1) or mon … sun',
      });
      continue;
    }
    if (out[day] !== undefined) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'names a weekday twice' });
      continue;
    }
    const sorted = [...intervals].sort((a, b) => (a.open < b.open ? -1 : 1));
    const overlap = sorted.findIndex((iv, i) => i > 0 && iv.open < (sorted[i - 1]?.close ?? ''));
    if (overlap !== -1) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'intervals must not overlap' });
      continue;
    }
    if (sorted.length > 0) out[day] = sorted;
  }
  return out;
});

const policies = z.strictObject({
  /** Minutes from now a booking must start at least. @default 60 */
  minNoticeToBookMinutes: minutes.default(DEFAULT_TENANT_POLICIES.minNoticeToBookMinutes),
  /** Minutes before the appointment a cancel must come. @default 1440 */
  minNoticeToCancelMinutes: minutes.default(DEFAULT_TENANT_POLICIES.minNoticeToCancelMinutes),
  /** Minutes before the old appointment a reschedule must come. @default 1440 */
  minNoticeToRescheduleMinutes: minutes.default(
    DEFAULT_TENANT_POLICIES.minNoticeToRescheduleMinutes,
  ),
  /** Latest bookable day, in days from today (1–3660). @default 60 */
  maxDaysAhead: positiveInt
    .max(3660, 'must be at most 3660 days')
    .default(DEFAULT_TENANT_POLICIES.maxDaysAhead),
  /**
   * Opening intervals per weekday (`1`–`7` or `mon` … `sun`, `mo` … `so`), `HH:MM`; replaces
   * the whole default week. @default Mon–Fri 09:00–18:00, Sat 09:00–14:00
   */
  businessHours: businessHours.default(DEFAULT_TENANT_POLICIES.businessHours),
  /** `fail` or `accept-pending`: what `book` does while Cal.com is down. @default 'accept-pending' */
  whenCalendarDown: z
    .enum(['fail', 'accept-pending'])
    .default(DEFAULT_TENANT_POLICIES.whenCalendarDown),
});

const service = z.strictObject({
  /** Stable id, unique within the tenant (letters, digits, `. _ : @ -`). */
  id,
  /** Name as spoken back to callers (`Haarschnitt`). */
  name: spokenName,
  /** Other words callers use for it, at most 50. @default [] */
  synonyms: z.array(spokenName).max(50, 'must have at most 50 entries').default([]),
  /** Category for grouping long lists (`Haare`). */
  category: spokenName.optional(),
  /** Length of the appointment in minutes, 1–1440. */
  durationMinutes: positiveInt.max(24 * 60, 'must be at most 1440 (a day)'),
  /** Price in cents (the smallest unit of `currency`). */
  priceCents: z
    .number()
    .int('must be a whole number of cents')
    .min(0, 'must not be negative')
    .optional(),
  /** ISO 4217 code (`EUR`). */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
    .optional(),
  /** The Cal.com event type that books it (a positive integer). */
  eventTypeId,
  /** Ids of the staff who perform it; missing: anybody on the event type. */
  staffIds: z.array(id).optional(),
});

const staffMember = z.strictObject({
  /** Stable id, unique within the tenant. */
  id,
  /** Given name as callers say it. */
  firstName: spokenName.optional(),
  /** Family name as callers say it. */
  lastName: spokenName,
  /** `Dr.`, `Prof.` … */
  title: text.optional(),
  /** `female`, `male` or `diverse`: picks the German salutation. */
  gender: z.enum(['female', 'male', 'diverse']).optional(),
  /** Their own Cal.com event type per service id. */
  eventTypeIds: z.record(z.string(), eventTypeId).optional(),
  /** Their Cal.com user (informational). */
  calcomUsername: text.optional(),
});

const calendar = z.strictObject({
  /** Cal.com API key (`cal_…`); never logged. */
  apiKey: z.string().trim().min(1, 'must not be empty'),
  /** http(s) base URL without `/v2`. @default 'https://api.cal.com' */
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .transform((u) => u.replace(/\/+$/, ''))
    .refine((u) => !u.endsWith('/v2'), 'must be the base URL without /v2')
    .optional(),
  /** Cal.com username owning the event types. */
  username: text.optional(),
  /** Cal.com team slug owning the event types. */
  teamSlug: text.optional(),
});

/** Issues for ids used twice in `items`, at `path[i].id`. */
function uniqueIds(
  items: readonly { id: string }[],
  path: readonly (string | number)[],
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) {
      ctx.addIssue({ code: 'custom', path: [...path, i, 'id'], message: 'is used twice' });
    }
    seen.add(item.id);
  });
}

/**
 * zod schema of one tenant (zod 4): parses a tenant as written in a tenants file into a
 * {@link Tenant}. Phone numbers become E.164, `synonyms` default to `[]`, `phoneNumbers`,
 * `agentIds` and `staff` to `[]`, and every policy left out takes its value from
 * {@link DEFAULT_TENANT_POLICIES}. Unknown fields are refused (a typo never passes silently).
 * Prefer {@link parseTenants}, which turns the first problem into one readable error.
 *
 * @example
 * ```ts
 * const result = tenantSchema.safeParse(json);
 * if (result.success) console.log(result.data.policies.maxDaysAhead); // 60 unless set
 * ```
 */
export const tenantSchema = z
  .strictObject({
    /** Stable tenant id; every record is scoped by it. */
    id,
    /** The business name the agent greets with. */
    companyName: text,
    /** IANA time zone (`Europe/Berlin`). */
    zone: z.string().refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone'),
    /** `de` or `en`: the language the agent speaks. */
    locale: z.enum(['de', 'en']),
    /** The Cal.com account: `apiKey`, optional `baseUrl`, `username`, `teamSlug`. */
    calendar,
    /** Called numbers (E.164, `+4930…`) routing to the tenant; duplicates dropped. @default [] */
    phoneNumbers: z.array(e164).default([]),
    /** Retell agent ids routing to the tenant. @default [] */
    agentIds: z.array(id).default([]),
    /** Bookable services, at least one. */
    services: z.array(service).min(1, 'must list at least one service'),
    /** Staff callers may ask for. @default [] */
    staff: z.array(staffMember).default([]),
    /** Booking rules; each field left out takes {@link DEFAULT_TENANT_POLICIES}. */
    policies: policies.default(DEFAULT_TENANT_POLICIES),
  })
  .superRefine((t, ctx) => {
    uniqueIds(t.services, ['services'], ctx);
    uniqueIds(t.staff, ['staff'], ctx);
    const staffIds = new Set(t.staff.map((s) => s.id));
    const serviceIds = new Set(t.services.map((s) => s.id));
    t.services.forEach((s, i) => {
      s.staffIds?.forEach((sid, j) => {
        if (!staffIds.has(sid)) {
          ctx.addIssue({
            code: 'custom',
            path: ['services', i, 'staffIds', j],
            message: 'is not the id of a staff member of this tenant',
          });
        }
      });
    });
    t.staff.forEach((m, i) => {
      for (const key of Object.keys(m.eventTypeIds ?? {})) {
        if (!serviceIds.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: ['staff', i, 'eventTypeIds', key],
            message: 'is not the id of a service of this tenant',
          });
        }
      }
    });
  })
  .transform((t) => ({
    ...t,
    /** Called numbers in E.164, each once. */
    phoneNumbers: [...new Set(t.phoneNumbers)],
    /** Retell agent ids, each once. */
    agentIds: [...new Set(t.agentIds)],
  }));

/** A tenant as written in a tenants file: what {@link tenantSchema} accepts (defaults optional). */
export type TenantInput = z.input<typeof tenantSchema>;

/** Issues for a phone number or agent id that routes to two tenants. */
function uniqueRouting(
  tenants: readonly { id: string; phoneNumbers: readonly string[]; agentIds: readonly string[] }[],
  ctx: z.RefinementCtx,
): void {
  uniqueIds(tenants, ['tenants'], ctx);
  for (const field of ['phoneNumbers', 'agentIds'] as const) {
    const owner = new Map<string, number>();
    tenants.forEach((t, i) => {
      t[field].forEach((value, j) => {
        const first = owner.get(value);
        if (first !== undefined && first !== i) {
          ctx.addIssue({
            code: 'custom',
            path: ['tenants', i, field, j],
            message: `also routes to tenants[${String(first)}]`,
          });
        }
        owner.set(value, first ?? i);
      });
    });
  }
}

/**
 * zod schema of a whole tenants file: `{ tenants: [...] }` (a `$schema` key is allowed), every
 * tenant as {@link tenantSchema}, tenant ids unique, and no called number or agent id routing to
 * two tenants.
 *
 * @example
 * ```ts
 * const { tenants } = tenantsFileSchema.parse({ tenants: [] });
 * ```
 */
export const tenantsFileSchema = z
  .strictObject({
    /** A JSON Schema URL for editors; ignored. */
    $schema: z.string().optional(),
    /** The tenants, each as {@link tenantSchema}. */
    tenants: z.array(tenantSchema),
  })
  .superRefine((file, ctx) => uniqueRouting(file.tenants, ctx));
