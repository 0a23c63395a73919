import { formatMicros } from '../../../shared/clock.js';
import type { SandboxClock } from '../../../shared/sandbox-clock.js';
import type { WebhookEvent } from './events.js';
import { phpJson, sign, type WebhookSender } from './wire.js';

export interface WebhookSettings {
  url: string | undefined;
  secret: string;
  /** QA switch: every event is delivered twice, as Grow documents policy.created may be. */
  deliverTwice: boolean;
}

export interface Attempt {
  number: number;
  at: string;
  status: number | null;
  duration_ms: number;
  error: string | null;
}

export type DeliveryState = 'pending' | 'delivered' | 'failed' | 'dropped';

export interface Delivery {
  id: string;
  event: string;
  url: string;
  created_at: string;
  state: DeliveryState;
  delivered: boolean;
  attempts: Attempt[];
  next_attempt_at: string | null;
  /** The exact bytes sent, and their signature. */
  body: string;
  signature: string;
}

export interface DispatcherOptions {
  settings: WebhookSettings;
  clock: SandboxClock;
  sender: WebhookSender;
  /** Reports a dropped event (the app's logger). */
  warn: (message: string, details: object) => void;
}

/** Delivery policy (issue 7): 5 s per attempt, 5 attempts, backoff 1, 2, 4, 8 s of sandbox time. */
export const TIMEOUT_MS = 5000;
export const MAX_ATTEMPTS = 5;
export const FIRST_BACKOFF_MS = 1000;
/** Deliveries not yet finished, per sandbox: past it new events are dropped, not queued. */
export const MAX_PENDING = 100;
/** Delivery records kept per sandbox, newest first. */
export const LOG_SIZE = 500;

/**
 * One sandbox's Grow webhooks: signs and sends each event without ever blocking the partner
 * request that caused it, retries on the sandbox clock, and keeps a bounded delivery log.
 */
export class GrowWebhooks {
  settings: WebhookSettings;
  readonly #clock: SandboxClock;
  readonly #sender: WebhookSender;
  readonly #warn: DispatcherOptions['warn'];
  #log: Delivery[] = [];
  #pending = 0;
  #sequence = 0;

  constructor(options: DispatcherOptions) {
    this.settings = { ...options.settings };
    this.#clock = options.clock;
    this.#sender = options.sender;
    this.#warn = options.warn;
  }

  /** Newest first. */
  get deliveries(): readonly Delivery[] {
    return this.#log;
  }

  emit(event: WebhookEvent): void {
    const { url, secret, deliverTwice } = this.settings;
    if (url === undefined) return;
    const body = phpJson(event);
    for (let copy = 0; copy < (deliverTwice ? 2 : 1); copy++) this.#start(event.event, url, body, secret);
  }

  /** Sends a logged delivery's event again, as a new delivery to the current URL and secret. */
  redeliver(id: string): Delivery | undefined {
    const original = this.#log.find((delivery) => delivery.id === id);
    if (!original) return undefined;
    return this.#start(
      original.event,
      this.settings.url ?? original.url,
      original.body,
      this.settings.secret,
    );
  }

  /** Re-arms the retries still waiting, after the sandbox clock dropped its scheduled work. */
  resumeRetries(): void {
    for (const delivery of this.#log) {
      if (delivery.state !== 'pending' || delivery.next_attempt_at === null) continue;
      this.#clock.schedule(Date.parse(delivery.next_attempt_at), () => void this.#attempt(delivery));
    }
  }

  #start(event: string, url: string, body: string, secret: string): Delivery {
    const delivery: Delivery = {
      id: `wh_${++this.#sequence}`,
      event,
      url,
      created_at: formatMicros(this.#clock.now()),
      state: 'pending',
      delivered: false,
      attempts: [],
      next_attempt_at: null,
      body,
      signature: sign(body, secret),
    };
    this.#log.unshift(delivery);
    if (this.#log.length > LOG_SIZE) this.#log.length = LOG_SIZE;
    if (this.#pending >= MAX_PENDING) {
      delivery.state = 'dropped';
      this.#warn('grow webhook dropped: too many deliveries pending for this sandbox', {
        event,
        url,
        pending: this.#pending,
      });
      return delivery;
    }
    this.#pending++;
    void this.#attempt(delivery);
    return delivery;
  }

  async #attempt(delivery: Delivery): Promise<void> {
    const number = delivery.attempts.length + 1;
    const at = formatMicros(this.#clock.now());
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      ({ status } = await this.#sender({
        url: delivery.url,
        body: delivery.body,
        headers: { 'content-type': 'application/json', 'x-curacel-signature': delivery.signature },
        timeoutMs: TIMEOUT_MS,
      }));
    } catch (failure) {
      error = describe(failure);
    }
    const duration_ms = Math.round((performance.now() - started) * 100) / 100;
    delivery.attempts.push({ number, at, status, duration_ms, error });

    if (status !== null && status >= 200 && status < 300) {
      this.#finish(delivery, 'delivered');
    } else if (number >= MAX_ATTEMPTS) {
      this.#finish(delivery, 'failed');
    } else {
      const due = this.#clock.now() + FIRST_BACKOFF_MS * 2 ** (number - 1);
      delivery.next_attempt_at = formatMicros(due);
      this.#clock.schedule(due, () => void this.#attempt(delivery));
    }
  }

  #finish(delivery: Delivery, state: 'delivered' | 'failed'): void {
    delivery.state = state;
    delivery.delivered = state === 'delivered';
    delivery.next_attempt_at = null;
    this.#pending--;
  }
}

function describe(failure: unknown): string {
  const error = failure as Error & { cause?: { code?: string; message?: string } };
  if (error?.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS} ms`;
  return error?.cause?.code ?? error?.cause?.message ?? error?.message ?? String(failure);
}
