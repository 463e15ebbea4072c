export { describeTenantDirectoryContract } from './tenant-directory-contract.js';
export type { TenantDirectoryUnderTest } from './tenant-directory-contract.js';
export type { PortUnderTest, PortFactory } from './under-test.js';
export { describeCustomerStoreContract } from './customer-store-contract.js';
export {
  describeAppointmentStoreContract,
  sampleAppointment,
} from './appointment-store-contract.js';
export { describeIdempotencyStoreContract } from './idempotency-store-contract.js';
export { describeLockManagerContract } from './lock-manager-contract.js';
export { describeCallStoreContract } from './call-store-contract.js';
