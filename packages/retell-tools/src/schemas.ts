import { z } from 'zod';

const text = (max: number, description: string) =>
  z.string().trim().min(1).max(max).describe(description);

const yesWords = new Set(['true', 'yes', 'ja', 'y', 'j', 'ok', 'okay', 'jawohl', 'genau', '1']);
const noWords = new Set(['false', 'no', 'nein', 'n', '0']);

/** A yes/no the LLM may send as a boolean or as a word (`ja`, `yes`, `nein`). */
const yesNo = (description: string) =>
  z
    .union([
      z.boolean(),
      z
        .string()
        .max(20)
        .refine(
          (s) => yesWords.has(s.trim().toLowerCase()) || noWords.has(s.trim().toLowerCase()),
          {
            message: 'expected yes or no',
          },
        ),
    ])
    .describe(description);

/**
 * Reads a yes/no argument (a boolean, or a word such as `ja`, `yes`, `nein`) as a boolean.
 *
 * @param value - the argument as the LLM sent it.
 * @returns `true` for `true` or a yes word (`ja`, `yes`, `genau`, `ok`, …), else `false` (missing too).
 */
export function isYes(value: boolean | string | undefined): boolean {
  if (typeof value === 'boolean') return value;
  return value !== undefined && yesWords.has(value.trim().toLowerCase());
}

/** Arguments of `initialize_call`: none (identity comes from the call, never the LLM). */
export const initializeCallArgs = z.object({});

/** Arguments of `list_services`. */
export const listServicesArgs = z.object({
  /** A category the caller chose from a previous answer; missing: all (or the categories). */
  category: text(100, 'A category the caller chose from a previous answer.').optional(),
});

/** Arguments of `check_availability`. */
export const checkAvailabilityArgs = z.object({
  /** The service as said, or its id (at most 200 characters). */
  service: text(200, 'The service as the caller said it, or its id from list_services.'),
  /** The wished day as said (`morgen`, `24.10.`, `2026-10-24`). */
  date: text(100, 'The wished day as said: "morgen", "next Tuesday", "24.10.", "2026-10-24".'),
  /** The wished time as said (`halb drei`, `14:30`); missing: any time that day. */
  time: text(
    100,
    'The wished time as said: "halb drei", "14:30", "4pm". Omit for any time.',
  ).optional(),
  /** A staff member the caller asked for, as said. */
  staff: text(200, 'A staff member the caller asked for, as said.').optional(),
});

/** Arguments of `book_appointment`. */
export const bookAppointmentArgs = z.object({
  /** The service as said, or its id. */
  service: text(200, 'The service as the caller said it, or its id.'),
  /** The day of the slot check_availability offered. */
  date: text(100, 'The day of the slot, as confirmed by check_availability.'),
  /** The start time of the slot. */
  time: text(100, 'The start time of the slot.'),
  /** The staff member, if the caller asked for one. */
  staff: text(200, 'The staff member, if the caller asked for one.').optional(),
  /** The caller's name when the customer is not known yet. */
  customer_name: text(200, "The caller's name, if not already known.").optional(),
  /** The caller's e-mail, for Cal.com's confirmation (at most 254 characters). */
  email: z.email().max(254).describe("The caller's e-mail address, if given.").optional(),
  /** `false` (or `nein`): only the read-back sentence; `true` (`ja`): book. */
  confirmed: yesNo(
    'true only after the caller said yes to the exact service, day and time read back once.',
  ),
  /** The caller agreed that a wish is noted and confirmed later while the calendar is down. */
  accept_pending: yesNo(
    'true if the caller agreed that, should the calendar be down, the wish is noted and confirmed later.',
  ).optional(),
});

/** Arguments of `get_customer_appointments`: none (the caller comes from the call). */
export const getCustomerAppointmentsArgs = z.object({});

/** Arguments of `cancel_appointment`. */
export const cancelAppointmentArgs = z.object({
  /** The appointment's id from get_customer_appointments. */
  appointment_id: text(100, 'The id from get_customer_appointments.').optional(),
  /** The day of the appointment as said, when no id is known. */
  date: text(100, 'The day of the appointment to cancel, as said, when no id is known.').optional(),
  /** Why, if the caller said (passed on to Cal.com). */
  reason: text(500, 'Why, if the caller said.').optional(),
  /** `true` only after the caller confirmed which appointment; `false`: the read-back sentence. */
  confirmed: yesNo('true only after the caller confirmed which appointment to cancel.'),
});

/** Arguments of `reschedule_appointment`. */
export const rescheduleAppointmentArgs = z.object({
  /** The appointment's id; missing: the caller's next appointment. */
  appointment_id: text(100, 'The id from get_customer_appointments.').optional(),
  /** The new day, as said. */
  date: text(100, 'The new day, as said.'),
  /** The new start time, as said. */
  time: text(100, 'The new start time, as said.'),
  /** `true` only after the caller confirmed the new day and time. */
  confirmed: yesNo('true only after the caller confirmed the new day and time.'),
});

/** Arguments of `resolve_name`. */
export const resolveNameArgs = z.object({
  /** The staff name as said, or the caller's answer to the clarifying question. */
  name: text(200, 'The staff member the caller named, or the answer to the clarifying question.'),
  /** The `state` of the previous resolve_name answer, unchanged; missing at first. */
  state: z
    .string()
    .max(4000)
    .describe('The state string of the previous resolve_name answer, unchanged; omit at first.')
    .optional(),
});

/** Every tool's argument schema, by tool name (the LLM-facing, English names). */
export const TOOL_SCHEMAS = {
  /** Arguments of `initialize_call`: {@link initializeCallArgs}. */
  initialize_call: initializeCallArgs,
  /** Arguments of `list_services`: {@link listServicesArgs}. */
  list_services: listServicesArgs,
  /** Arguments of `check_availability`: {@link checkAvailabilityArgs}. */
  check_availability: checkAvailabilityArgs,
  /** Arguments of `book_appointment`: {@link bookAppointmentArgs}. */
  book_appointment: bookAppointmentArgs,
  /** Arguments of `get_customer_appointments`: {@link getCustomerAppointmentsArgs}. */
  get_customer_appointments: getCustomerAppointmentsArgs,
  /** Arguments of `cancel_appointment`: {@link cancelAppointmentArgs}. */
  cancel_appointment: cancelAppointmentArgs,
  /** Arguments of `reschedule_appointment`: {@link rescheduleAppointmentArgs}. */
  reschedule_appointment: rescheduleAppointmentArgs,
  /** Arguments of `resolve_name`: {@link resolveNameArgs}. */
  resolve_name: resolveNameArgs,
} as const;

/** Name of a voicebook tool. */
export type RetellToolName = keyof typeof TOOL_SCHEMAS;

/** Every tool name, in the order of the booking path. */
export const RETELL_TOOL_NAMES = Object.keys(TOOL_SCHEMAS) as readonly RetellToolName[];

/** The parsed arguments of each tool. */
export type ToolArgs = { [K in RetellToolName]: z.output<(typeof TOOL_SCHEMAS)[K]> };

/**
 * The German argument names existing agents use, and what they mean. `name` is the customer's
 * name for `book_appointment` and the staff member's for `resolve_name`.
 */
export const GERMAN_ARGUMENT_NAMES: Readonly<Record<string, string>> = {
  datum: 'date',
  uhrzeit: 'time',
  dienstleistung: 'service',
  bestaetigung: 'confirmed',
  bestätigung: 'confirmed',
  mitarbeiter: 'staff',
  kategorie: 'category',
  grund: 'reason',
  termin_id: 'appointment_id',
  serviceId: 'service',
  service_id: 'service',
  appointmentId: 'appointment_id',
  customerName: 'customer_name',
};

/**
 * Whether `name` is one of the tools.
 *
 * @param name - a tool name from a request path or body.
 * @returns whether it names one of {@link RETELL_TOOL_NAMES}.
 */
export function isToolName(name: unknown): name is RetellToolName {
  return typeof name === 'string' && Object.hasOwn(TOOL_SCHEMAS, name);
}

function renameArguments(tool: RetellToolName, args: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    let target = GERMAN_ARGUMENT_NAMES[key] ?? key;
    if (key === 'name' && tool !== 'resolve_name') target = 'customer_name';
    // The LLM sometimes sends `null` for an optional field it has no value for.
    if (value === null || value === '') continue;
    if (!(target in out) || key === target) out[target] = value;
  }
  return out;
}

/** Answer of {@link parseToolArgs}. */
export type ParsedArgs<K extends RetellToolName> =
  | {
      /** The arguments are valid. */
      readonly ok: true;
      /** The parsed arguments, English names, defaults applied. */
      readonly args: ToolArgs[K];
    }
  | {
      /** The arguments are invalid. */
      readonly ok: false;
      /** One line per problem, `field: what is wrong` (never the value). */
      readonly issues: readonly string[];
    };

/**
 * Parses a tool's arguments: German names renamed to the English ones, `null` treated as absent,
 * unknown fields ignored, then the tool's zod schema.
 *
 * @param tool - the tool.
 * @param raw - the `args` object as sent.
 * @returns the arguments, or the first few issues as `path: message` (no values).
 * @example
 * ```ts
 * const parsed = parseToolArgs('check_availability', {
 *   dienstleistung: 'Haarschnitt',
 *   datum: 'morgen',
 *   uhrzeit: null,
 * });
 * if (parsed.ok) console.log(parsed.args); // { service: 'Haarschnitt', date: 'morgen' }
 * else console.log(parsed.issues); // ['date: Invalid input: …'] when a field is missing
 * ```
 */
export function parseToolArgs<K extends RetellToolName>(tool: K, raw: unknown): ParsedArgs<K> {
  const input = raw === undefined || raw === null ? {} : raw;
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, issues: ['args: expected an object'] };
  }
  const schema = TOOL_SCHEMAS[tool] as unknown as z.ZodType<ToolArgs[K]>;
  const result = schema.safeParse(renameArguments(tool, input as Record<string, unknown>));
  if (result.success) return { ok: true, args: result.data };
  return {
    ok: false,
    issues: result.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || 'args'}: ${i.message}`.slice(0, 200)),
  };
}
