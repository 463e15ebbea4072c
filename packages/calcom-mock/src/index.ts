export { startCalcomMock, defaultContractMode, DEFAULT_MOCK_API_KEY } from './mock-server.js';
export type {
  CalcomMock,
  CalcomMockOptions,
  CalcomMockOperation,
  ContractMode,
  ErrorRateOptions,
  BookingOutput,
  ReservationOutput,
  MockRequestRecord,
  LatencySpec,
  LatencyTable,
  RateLimitOptions,
  WebhookTrigger,
  WebhookSubscription,
  WebhookDelivery,
} from './mock-server.js';
export { createContractValidator } from './contract.js';
export type { ContractValidator } from './contract.js';
export { defaultFixture, loadFixture, parseFixture } from './fixture.js';
export type { CalcomFixture, FixtureEventType, FixtureHours, FixtureBooking } from './fixture.js';
