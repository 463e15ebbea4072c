export { startCalcomMock, DEFAULT_MOCK_API_KEY } from './mock-server.js';
export type {
  CalcomMock,
  CalcomMockOptions,
  CalcomMockOperation,
  BookingOutput,
  MockRequestRecord,
} from './mock-server.js';
export { defaultFixture } from './fixture.js';
export type { CalcomFixture, FixtureEventType, FixtureHours, FixtureBooking } from './fixture.js';
