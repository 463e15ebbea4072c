export {
  PhoneticMatcherError,
  MatcherConfigError,
  EntryError,
  MatchInputError,
  SnapshotError,
  isPhoneticMatcherError,
} from './errors.js';
export type { PhoneticMatcherErrorCode } from './errors.js';
export type {
  NameEntry,
  EntryGender,
  MatchVerdict,
  MatchReason,
  MatchCandidate,
  MatchResult,
  MatchOptions,
  Clarification,
  CandidateDifference,
} from './types.js';
export type {
  NameIndex,
  NameIndexOptions,
  NameIndexEvent,
  NameIndexSnapshot,
  NameIndexSnapshotV1,
} from './index-types.js';
export { createNameIndex, loadNameIndex, normalizeName } from './api.js';
export { NICKNAME_TABLE, NICKNAME_GROUPS } from './nicknames.js';
export type { NicknameGroup, NicknameSource } from './nicknames.js';
