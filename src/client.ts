// partner-sim/client: a typed client of the control plane, on global fetch, no dependency.
import { type CoreState, coreClient } from './admin/client/core.js';
import { type ClientOptions, createTransport } from './admin/client/transport.js';
import { type PartnerStates, partnerClients } from './partners/clients.js';

export type {
  ClockState,
  FaultRule,
  JournalEntry,
  NewFault,
  RequestListFilter,
  RequestMatcher,
} from './admin/client/core.js';

/** A saved sandbox state, as GET /__admin/state answers it and PUT loads it. */
export type SandboxState = CoreState & PartnerStates;
export { type ClientOptions, type DeepPartial, PartnerSimError } from './admin/client/transport.js';
export { type WaitOptions, WaitTimeoutError } from './admin/client/wait.js';
export type { DeliveryMatcher, DeliveryView, WebhookSettings } from './partners/clients.js';

/** A client of one sandbox (its `token`), with every control-plane capability. */
export function createClient(options: ClientOptions) {
  const http = createTransport(options);
  return { ...coreClient<SandboxState>(http), ...partnerClients(http) };
}

export type Client = ReturnType<typeof createClient>;
