-- voicebook store-postgres, migration 1: the records of a booking line.
-- Every table is keyed by tenant first: no query reads across tenants except the reconciler's
-- work list (appointments by status).

CREATE TABLE tenants (
  id          text PRIMARY KEY,
  data        jsonb NOT NULL,
  updated_at  bigint NOT NULL
);

-- How a call finds its tenant: the called number (E.164) or the Retell agent id.
CREATE TABLE tenant_routes (
  kind       text NOT NULL CHECK (kind IN ('phone', 'agent')),
  value      text NOT NULL,
  tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  PRIMARY KEY (kind, value)
);
CREATE INDEX tenant_routes_tenant ON tenant_routes (tenant_id);

CREATE TABLE customers (
  tenant_id   text NOT NULL,
  id          text NOT NULL,
  phone       text NOT NULL,
  name        text,
  email       text,
  created_at  bigint NOT NULL,
  updated_at  bigint NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT customers_phone UNIQUE (tenant_id, phone)
);

-- Appointments are also the booking ledger: a row is written (requested) before Cal.com is asked.
CREATE TABLE appointments (
  tenant_id         text NOT NULL,
  id                text NOT NULL,
  customer_id       text NOT NULL,
  service_id        text NOT NULL,
  staff_id          text,
  event_type_id     integer NOT NULL,
  start_at          text NOT NULL,
  end_at            text NOT NULL,
  start_ms          bigint NOT NULL,
  status            text NOT NULL
    CHECK (status IN ('requested', 'confirmed', 'pending', 'callback', 'failed', 'cancelled')),
  booking_uid       text,
  call_id           text,
  idempotency_key   text NOT NULL,
  slot_key          text NOT NULL,
  fence             bigint NOT NULL,
  attendee_name     text,
  rescheduled_from  text,
  rescheduled_to    text,
  alternatives      jsonb,
  reason            text,
  created_at        bigint NOT NULL,
  updated_at        bigint NOT NULL,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT appointments_idempotency UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX appointments_start ON appointments (tenant_id, start_ms);
CREATE INDEX appointments_customer ON appointments (tenant_id, customer_id, start_ms);
CREATE INDEX appointments_booking ON appointments (tenant_id, booking_uid) WHERE booking_uid IS NOT NULL;
CREATE INDEX appointments_status ON appointments (status, updated_at);

-- The highest fencing token written per slot: a writer whose lock expired cannot overwrite.
CREATE TABLE slot_fences (
  tenant_id  text NOT NULL,
  slot_key   text NOT NULL,
  fence      bigint NOT NULL,
  PRIMARY KEY (tenant_id, slot_key)
);

CREATE TABLE idempotency_keys (
  tenant_id         text NOT NULL,
  key               text NOT NULL,
  fingerprint       text NOT NULL,
  status            text NOT NULL CHECK (status IN ('in-progress', 'completed', 'failed')),
  response          jsonb,
  lease_expires_at  bigint NOT NULL,
  expires_at        bigint NOT NULL,
  finished_at       bigint,
  PRIMARY KEY (tenant_id, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

CREATE TABLE calls (
  tenant_id             text NOT NULL,
  call_id               text NOT NULL,
  agent_id              text,
  from_number           text,
  to_number             text,
  customer_id           text,
  started_at            bigint,
  ended_at              bigint,
  duration_ms           bigint,
  outcome               text,
  disconnection_reason  text,
  successful            boolean,
  events                text[] NOT NULL DEFAULT '{}',
  updated_at            bigint NOT NULL,
  PRIMARY KEY (tenant_id, call_id)
);
CREATE INDEX calls_call_id ON calls (call_id);
