/**
 * Time-zone arithmetic of the stand-in. Its one home is the private `@voicebook/tz` (shared with
 * `@voicebook/calcom-client`, bundled into both by tsup).
 * @internal
 */
export {
  formatInZone,
  isValidTimeZone,
  localDate,
  offsetMinutes,
  wallClock,
  zonedToInstant,
} from '@voicebook/tz';
