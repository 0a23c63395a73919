// The admin client's partner sections, assembled: the client's one place that names the partners
// (as index.ts is the server's), so the client never loads the partners' server code.
import type { Transport } from '../admin/client/transport.js';
import { type BattlefaceState, battlefaceClient } from './battleface/client.js';
import { type GrowState, growClient, webhooksClient } from './grow/client.js';

/** Each partner's part of a saved sandbox state, under its name. */
export interface PartnerStates {
  battleface: BattlefaceState;
  grow: GrowState;
}

export function partnerClients(http: Transport) {
  return { battleface: battlefaceClient(http), grow: growClient(http), webhooks: webhooksClient(http) };
}

export type { DeliveryMatcher, DeliveryView, WebhookSettings } from './grow/client.js';
