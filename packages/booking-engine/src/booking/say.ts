// The sentences the agent speaks about bookings, in German and English.
import { DateTime } from 'luxon';
import { instantOf, spokenInstant } from '../dates/instant.js';
import type { Spoken } from '../types.js';

/** A start read out in the tenant's zone: "Dienstag, 31. März um 14:30 Uhr" / "Tuesday, March 31 at 2:30 PM". */
export function spokenStart(iso: string, zone: string): Spoken {
  const ms = instantOf(iso);
  if (!Number.isNaN(ms)) return spokenInstant(ms, zone);
  const t = DateTime.fromISO(iso, { setZone: true }).setZone(zone);
  return {
    de: t.setLocale('de').toFormat("cccc, d. MMMM 'um' HH:mm 'Uhr'"),
    en: t.setLocale('en').toFormat("cccc, MMMM d 'at' h:mm a"),
  };
}

const joinList = (items: readonly string[], and: string): string =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1] ?? ''}`;

/** @internal */
export function sayBooked(start: string, zone: string): Spoken {
  const s = spokenStart(start, zone);
  return {
    de: `Ihr Termin ist gebucht: ${s.de}.`,
    en: `Your appointment is booked: ${s.en}.`,
  };
}

/** @internal */
export const SAY_PENDING: Spoken = {
  de: 'Ich habe Ihren Wunsch notiert, Sie bekommen eine Bestätigung.',
  en: 'I have noted your request, you will receive a confirmation.',
};

/** @internal */
export function sayUnavailable(alternatives: readonly string[], zone: string): Spoken {
  if (alternatives.length === 0) {
    return {
      de: 'Dieser Termin ist leider schon vergeben, und in den nächsten Tagen finde ich nichts Freies.',
      en: 'Sorry, that time is already taken, and I cannot find a free time in the next days.',
    };
  }
  const spoken = alternatives.map((a) => spokenStart(a, zone));
  return {
    de: `Dieser Termin ist leider schon vergeben. Frei wäre: ${joinList(
      spoken.map((s) => s.de),
      'oder',
    )}.`,
    en: `Sorry, that time is already taken. Free would be: ${joinList(
      spoken.map((s) => s.en),
      'or',
    )}.`,
  };
}

/** @internal */
export const SAY_ASK_PENDING: Spoken = {
  de: 'Unser Kalender ist gerade nicht erreichbar. Darf ich Ihren Wunsch notieren? Sie bekommen dann eine Bestätigung.',
  en: 'Our calendar cannot be reached right now. May I note your request? You will then receive a confirmation.',
};

/** @internal */
export const SAY_CALENDAR_DOWN: Spoken = {
  de: 'Unser Kalender ist gerade nicht erreichbar. Bitte versuchen Sie es in ein paar Minuten noch einmal.',
  en: 'Our calendar cannot be reached right now. Please try again in a few minutes.',
};

/** @internal */
export const SAY_IN_PROGRESS: Spoken = {
  de: 'Einen Moment bitte, ich bin noch dabei, den Termin zu buchen.',
  en: 'One moment please, I am still booking that appointment.',
};

/** @internal */
export const SAY_MISMATCH: Spoken = {
  de: 'Beim Buchen ist etwas schiefgegangen, der Termin wurde nicht eingetragen. Soll ich es noch einmal versuchen?',
  en: 'Something went wrong while booking, the appointment was not made. Shall I try again?',
};

/** @internal */
export const SAY_NEED_PHONE: Spoken = {
  de: 'Für die Buchung brauche ich Ihre Telefonnummer.',
  en: 'I need your phone number to book.',
};

/** @internal */
export const SAY_OUTCOME_UNKNOWN: Spoken = {
  de: 'Ich konnte die Buchung gerade nicht bestätigen. Sie bekommen eine Nachricht, sobald sie feststeht.',
  en: 'I could not confirm the booking just now. You will get a message as soon as it is settled.',
};
