export {};
export { describeTenantDirectoryContract } from './tenant-directory-contract.js';
export type { TenantDirectoryUnderTest } from './tenant-directory-contract.js';
