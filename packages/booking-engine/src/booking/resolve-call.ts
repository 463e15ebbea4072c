// Identity comes from the voice platform only: tenant by configured id, called number or agent
// id; customer by the caller's number (found, never created here).
import { BookingEngineError } from '../errors.js';
import type { CallContext, CallIdentity } from '../engine-api.js';
import { normalizePhone } from '../phone.js';
import type { Tenant } from '../types.js';
import type { EngineDeps } from './deps.js';
import { storeCall } from './store-call.js';

const SAY_UNKNOWN = {
  de: 'Entschuldigung, dieser Anschluss ist bei uns nicht eingerichtet.',
  en: 'Sorry, this line is not set up with us.',
} as const;

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

async function findTenant(deps: EngineDeps, identity: CallIdentity): Promise<Tenant | undefined> {
  const tenantId = text(identity.tenantId);
  // A configured id wins and does not fall through: a wrong header must not land elsewhere.
  if (tenantId !== undefined) return storeCall('tenants.get', () => deps.tenants.get(tenantId));
  const to = normalizePhone(identity.toNumber, deps.settings.defaultCountry);
  if (to !== undefined) {
    const byNumber = await storeCall('tenants.findByPhoneNumber', () =>
      deps.tenants.findByPhoneNumber(to),
    );
    if (byNumber) return byNumber;
  }
  const agentId = text(identity.agentId);
  if (agentId === undefined) return undefined;
  return storeCall('tenants.findByAgentId', () => deps.tenants.findByAgentId(agentId));
}

/**
 * Resolves a call; see {@link BookingEngine.resolveCall}.
 * @throws {@link BookingEngineError} `E_TENANT_UNKNOWN`, `E_INVALID_INPUT`, `E_STORE_UNAVAILABLE`
 * @internal
 */
export async function resolveCall(deps: EngineDeps, identity: CallIdentity): Promise<CallContext> {
  const callId = text(identity.callId);
  if (callId === undefined) {
    throw new BookingEngineError('E_INVALID_INPUT', 'callId must be a non-empty string', false);
  }
  const tenant = await findTenant(deps, identity);
  if (tenant === undefined) {
    throw new BookingEngineError(
      'E_TENANT_UNKNOWN',
      'no tenant for this call (configured id, called number or agent id)',
      false,
      { say: SAY_UNKNOWN },
    );
  }
  const callerPhone = normalizePhone(identity.fromNumber, deps.settings.defaultCountry);
  if (callerPhone === undefined) return { callId, tenant };
  const customer = await storeCall('customers.findByPhone', () =>
    deps.customers.findByPhone(tenant.id, callerPhone),
  );
  return { callId, tenant, callerPhone, customer };
}
