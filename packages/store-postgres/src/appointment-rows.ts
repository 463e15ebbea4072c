import type { Appointment, AppointmentPatch } from '@voicebook/booking-engine';

/** @internal */
export interface AppointmentRow {
  tenant_id: string;
  id: string;
  customer_id: string;
  service_id: string;
  staff_id: string | null;
  event_type_id: number;
  start_at: string;
  end_at: string;
  start_ms: string;
  status: Appointment['status'];
  booking_uid: string | null;
  call_id: string | null;
  idempotency_key: string;
  slot_key: string;
  fence: string;
  attendee_name: string | null;
  rescheduled_from: string | null;
  rescheduled_to: string | null;
  alternatives: string[] | null;
  reason: string | null;
  created_at: string;
  updated_at: string;
}

/** Column of each field, in insert order. @internal */
export const COLUMNS = [
  ['tenantId', 'tenant_id'],
  ['id', 'id'],
  ['customerId', 'customer_id'],
  ['serviceId', 'service_id'],
  ['staffId', 'staff_id'],
  ['eventTypeId', 'event_type_id'],
  ['start', 'start_at'],
  ['end', 'end_at'],
  ['startMs', 'start_ms'],
  ['status', 'status'],
  ['bookingUid', 'booking_uid'],
  ['callId', 'call_id'],
  ['idempotencyKey', 'idempotency_key'],
  ['slotKey', 'slot_key'],
  ['fence', 'fence'],
  ['attendeeName', 'attendee_name'],
  ['rescheduledFrom', 'rescheduled_from'],
  ['rescheduledTo', 'rescheduled_to'],
  ['alternatives', 'alternatives'],
  ['reason', 'reason'],
  ['createdAt', 'created_at'],
  ['updatedAt', 'updated_at'],
] as const satisfies readonly (readonly [keyof Appointment, keyof AppointmentRow])[];

/** The fields a transition may patch, and their columns (a whitelist: nothing else reaches SQL). @internal */
export const PATCH_COLUMNS: Readonly<Record<keyof AppointmentPatch, string>> = {
  bookingUid: 'booking_uid',
  start: 'start_at',
  end: 'end_at',
  startMs: 'start_ms',
  rescheduledTo: 'rescheduled_to',
  alternatives: 'alternatives',
  reason: 'reason',
  fence: 'fence',
};

/** @internal */
export function toValues(appointment: Appointment): unknown[] {
  return COLUMNS.map(([field]) => {
    const value = appointment[field];
    if (field === 'alternatives') return value === undefined ? null : JSON.stringify(value);
    return value ?? null;
  });
}

/** @internal */
export function toAppointment(row: AppointmentRow): Appointment {
  const out: Record<string, unknown> = {};
  for (const [field, column] of COLUMNS) {
    const value = row[column];
    if (value === null) continue;
    out[field] =
      field === 'startMs' || field === 'fence' || field === 'createdAt' || field === 'updatedAt'
        ? Number(value)
        : value;
  }
  return out as unknown as Appointment;
}
