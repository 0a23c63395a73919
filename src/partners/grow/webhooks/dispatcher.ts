import { DeliveryFailure } from '../../../http/outbound/http-post.js';
import { formatMicros } from '../../../lib/clock.js';
import type { ByteAccount, Sheddable } from '../../../sandbox/memory-budget.js';
import type { Revision } from '../../../sandbox/revision.js';
import type { SandboxClock } from '../../../sandbox/sandbox-clock.js';
import type { SharedWork } from '../../../sandbox/sandbox-work.js';
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
  /** null without an HTTP status: how long a failure took tells a refused port from a silent one. */
  duration_ms: number | null;
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
  /** Reports a dropped event, and each failed attempt's precise cause (the app's logger). */
  warn: (message: string, details: object) => void;
  /** The sandbox's byte account: each logged delivery counts its body; old finished ones may be shed. */
  bytes?: ByteAccount;
  /**
   * Sandbox time before each retry (SIM_GROW_WEBHOOK_RETRY_SCHEDULE): a delivery gets one attempt
   * more than this has entries. CI's 1, 2, 4, 8 s unless given.
   */
  retryDelaysMs?: readonly number[];
  /** Told of every change to the log, as the sandbox's other changes are. */
  revision?: Revision;
  /**
   * With a shared store (SIM_STORE=redis://…): an attempt leaves only once the change that made
   * it is saved, and its outcome is written to the sandbox's newest state, not to this copy.
   */
  shared?: {
    work: SharedWork;
    token: string;
    /** The dispatcher of another copy of the same sandbox. */
    of: (sandbox: unknown) => GrowWebhooks;
  };
}

/** What a shared store keeps of the log beside the state document (PartnerModule.work). */
export interface WebhookLog {
  sequence: number;
  deliveries: Delivery[];
}

/** What a logged delivery costs besides its body: the record, its attempts, its strings. */
const DELIVERY_OVERHEAD_BYTES = 1024;
const deliveryBytes = (delivery: Delivery) => DELIVERY_OVERHEAD_BYTES + delivery.body.length;

/** Delivery policy (issue 7): 5 s per attempt; the retries' waits are the schedule's. */
export const TIMEOUT_MS = 5000;
const FAST_RETRY_DELAYS_MS = [1000, 2000, 4000, 8000];

/**
 * With a shared store, how long an attempt on the wire counts as under way: a replica that died
 * mid-attempt leaves the delivery to be attempted again by another once this passes (Grow says a
 * webhook may arrive twice, reference §8). Above TIMEOUT_MS, so a live attempt always ends first.
 */
const ATTEMPT_LEASE_MS = TIMEOUT_MS + 5000;

/**
 * The headers of a delivery, in the order a Guzzle request (Laravel's Http client, or
 * spatie/laravel-webhook-server's job) puts them after `Host`; `Content-Length` follows. INFERENCE
 * (reference §8: the sender's headers are SILENT): Guzzle 7's default `User-Agent`, no `Accept`
 * (Guzzle drops the one curl would add), nothing a browser or Node's fetch would add.
 */
function deliveryHeaders(signature: string): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'x-curacel-signature': signature,
    'User-Agent': 'GuzzleHttp/7',
  };
}
/** Deliveries not yet finished, per sandbox: past it new events are dropped, not queued. */
export const MAX_PENDING = 100;
/** Delivery records kept per sandbox, newest first. */
export const LOG_SIZE = 500;

/**
 * What a tenant reads for every network-level failure: one text, so the delivery log cannot
 * tell a closed port from a filtered one or a live host from a dead one (issue 13, item 7).
 */
export const NO_RESPONSE = 'no HTTP response (the connection failed, was reset, or timed out)';

/**
 * One sandbox's Grow webhooks: signs and sends each event without ever blocking the partner
 * request that caused it, retries on the sandbox clock, and keeps a bounded delivery log.
 */
export class GrowWebhooks implements Sheddable {
  settings: WebhookSettings;
  readonly #clock: SandboxClock;
  readonly #sender: WebhookSender;
  readonly #warn: DispatcherOptions['warn'];
  readonly #bytes: ByteAccount | undefined;
  readonly #retryDelaysMs: readonly number[];
  readonly #shared: DispatcherOptions['shared'];
  readonly #revision: Revision | undefined;
  #log: Delivery[] = [];
  #pending = 0;
  #sequence = 0;
  /** Deliveries with an attempt on the wire: each has one retry chain, whatever state loads happen. */
  readonly #sending = new WeakSet<Delivery>();

  constructor(options: DispatcherOptions) {
    this.settings = { ...options.settings };
    this.#clock = options.clock;
    this.#sender = options.sender;
    this.#warn = options.warn;
    this.#bytes = options.bytes;
    this.#retryDelaysMs = options.retryDelaysMs ?? FAST_RETRY_DELAYS_MS;
    this.#shared = options.shared;
    this.#revision = options.revision;
    options.bytes?.canShed(this);
  }

  /** The log as a shared store keeps it. */
  exportLog(): WebhookLog {
    return { sequence: this.#sequence, deliveries: this.#log };
  }

  /** Puts back a log a shared store kept (before resumeRetries re-arms what waits). */
  importLog(saved: WebhookLog | undefined): void {
    for (const delivery of this.#log) this.#bytes?.release(deliveryBytes(delivery));
    this.#log = saved?.deliveries ?? [];
    this.#sequence = saved?.sequence ?? 0;
    for (const delivery of this.#log) this.#bytes?.force(deliveryBytes(delivery));
    this.#pending = this.#log.filter((delivery) => delivery.state === 'pending').length;
  }

  /** Drops the oldest finished delivery from the log, to make room in the sandbox's bytes. */
  shedOldest(): boolean {
    for (let i = this.#log.length - 1; i >= 0; i--) {
      const delivery = this.#log[i] as Delivery;
      if (delivery.state === 'pending') continue;
      this.#log.splice(i, 1);
      this.#revision?.bump();
      this.#bytes?.release(deliveryBytes(delivery));
      return true;
    }
    return false;
  }

  /** Newest first. */
  get deliveries(): readonly Delivery[] {
    return this.#log;
  }

  /** Told of every change to the log (a delivery added, an attempt, an end): the control plane's waits. */
  readonly #watchers = new Set<() => void>();

  watch(watcher: () => void): () => void {
    this.#watchers.add(watcher);
    return () => this.#watchers.delete(watcher);
  }

  #changed(): void {
    this.#revision?.bump();
    for (const watcher of this.#watchers) watcher();
  }

  /** Told when a delivery is finished (delivered, failed or dropped): an instalment waits on its answer. */
  onFinished: ((delivery: Delivery) => void) | undefined;

  /** Sends an event; answers its (first) delivery, or undefined when there is nowhere to send it. */
  emit(event: WebhookEvent): Delivery | undefined {
    const { url, secret, deliverTwice } = this.settings;
    // No URL, or the sandbox was reset or evicted (a request that outlived it): nothing to send.
    if (url === undefined || this.#clock.closed) return undefined;
    const body = phpJson(event);
    const first = this.#start(event.event, url, body, secret);
    if (deliverTwice) this.#start(event.event, url, body, secret);
    return first;
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

  /**
   * Re-arms the retries still waiting, after the sandbox clock dropped its scheduled work. An
   * attempt on the wire re-arms its own retry when it ends, so it is left alone.
   */
  resumeRetries(): void {
    for (const delivery of this.#log) {
      if (delivery.state !== 'pending' || delivery.next_attempt_at === null) continue;
      if (this.#sending.has(delivery)) continue;
      this.#scheduleAttempt(delivery, Date.parse(delivery.next_attempt_at));
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
    this.#bytes?.force(deliveryBytes(delivery));
    while (this.#log.length > LOG_SIZE && this.shedOldest()) {}
    if (this.#pending >= MAX_PENDING || this.#clock.closed) {
      delivery.state = 'dropped';
      this.#warn('grow webhook dropped: too many deliveries pending for this sandbox', {
        event,
        url,
        pending: this.#pending,
      });
      this.onFinished?.(delivery);
      this.#changed();
      return delivery;
    }
    this.#pending++;
    this.#changed();
    void this.#attempt(delivery);
    return delivery;
  }

  /**
   * The next attempt at `at`, if the delivery still waits for that one then: with a shared store
   * a copy may hold an older plan for it, and only the plan its log shows now is carried out.
   */
  #scheduleAttempt(delivery: Delivery, at: number): void {
    const planned = delivery.next_attempt_at;
    this.#clock.schedule(at, () => {
      if (delivery.next_attempt_at === planned) void this.#attempt(delivery);
    });
  }

  /** Never rejects: it runs from timers, where a rejection would be unhandled. */
  async #attempt(delivery: Delivery): Promise<void> {
    if (this.#shared) return this.#leaseAttempt(delivery, this.#shared);
    try {
      await this.#try(delivery);
    } catch (unexpected) {
      if (delivery.state === 'pending') this.#finish(delivery, 'failed');
      try {
        this.#warn('grow webhook attempt failed unexpectedly; the delivery is marked failed', {
          delivery: delivery.id,
          event: delivery.event,
          url: delivery.url,
          detail: unexpected instanceof Error ? (unexpected.stack ?? unexpected.message) : String(unexpected),
        });
      } catch {
        // The logger itself failed: nothing is left to tell, and a timer must not see a rejection.
      }
    }
  }

  async #try(delivery: Delivery): Promise<void> {
    // The sandbox was reset or evicted: its deliveries stop here.
    if (this.#clock.closed || delivery.state !== 'pending') return;
    this.#sending.add(delivery);
    try {
      await this.#send(delivery);
    } finally {
      this.#sending.delete(delivery);
    }
  }

  async #send(delivery: Delivery): Promise<void> {
    const number = delivery.attempts.length + 1;
    const at = formatMicros(this.#clock.now());
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      ({ status } = await this.#sender({
        url: delivery.url,
        body: delivery.body,
        headers: deliveryHeaders(delivery.signature),
        timeoutMs: TIMEOUT_MS,
      }));
    } catch (failure) {
      const outcome = describe(failure);
      error = outcome.error;
      this.#warn('grow webhook attempt got no HTTP response', {
        delivery: delivery.id,
        event: delivery.event,
        url: delivery.url,
        attempt: number,
        detail: outcome.detail,
      });
    }
    const duration_ms = status === null ? null : Math.round((performance.now() - started) * 100) / 100;
    delivery.attempts.push({ number, at, status, duration_ms, error });
    this.#afterAttempt(delivery, number, status);
  }

  /** Delivered, failed for good, or a retry planned on the sandbox clock. */
  #afterAttempt(delivery: Delivery, number: number, status: number | null): void {
    if (status !== null && status >= 200 && status < 300) {
      this.#finish(delivery, 'delivered');
    } else if (number > this.#retryDelaysMs.length) {
      this.#finish(delivery, 'failed');
    } else {
      const due = this.#clock.now() + (this.#retryDelaysMs[number - 1] ?? 0);
      delivery.next_attempt_at = formatMicros(due);
      this.#scheduleAttempt(delivery, due);
      this.#changed();
    }
  }

  /**
   * With a shared store, under the sandbox's lease: the attempt is planned again for when its
   * lease would run out (a replica that dies mid-attempt leaves it to another), and leaves once
   * this change is committed.
   */
  #leaseAttempt(delivery: Delivery, shared: NonNullable<DispatcherOptions['shared']>): void {
    if (this.#clock.closed || delivery.state !== 'pending') return;
    const number = delivery.attempts.length + 1;
    const leaseEnds = this.#clock.now() + ATTEMPT_LEASE_MS;
    delivery.next_attempt_at = formatMicros(leaseEnds);
    this.#scheduleAttempt(delivery, leaseEnds);
    const { id, url, body, signature } = delivery;
    const at = formatMicros(this.#clock.now());
    shared.work.afterCommit(shared.token, () => {
      void this.#sendShared(shared, { id, url, body, signature, number, at });
    });
  }

  async #sendShared(
    shared: NonNullable<DispatcherOptions['shared']>,
    attempt: { id: string; url: string; body: string; signature: string; number: number; at: string },
  ): Promise<void> {
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      ({ status } = await this.#sender({
        url: attempt.url,
        body: attempt.body,
        headers: deliveryHeaders(attempt.signature),
        timeoutMs: TIMEOUT_MS,
      }));
    } catch (failure) {
      const outcome = describe(failure);
      error = outcome.error;
      this.#warn('grow webhook attempt got no HTTP response', {
        delivery: attempt.id,
        url: attempt.url,
        attempt: attempt.number,
        detail: outcome.detail,
      });
    }
    const duration_ms = status === null ? null : Math.round((performance.now() - started) * 100) / 100;
    const result: Attempt = { number: attempt.number, at: attempt.at, status, duration_ms, error };
    try {
      await shared.work.update(shared.token, (sandbox) => shared.of(sandbox).#record(attempt.id, result));
    } catch (failure) {
      // Not saved: the delivery is attempted again when its lease runs out.
      this.#warn('grow webhook attempt outcome not saved; it is attempted again later', {
        delivery: attempt.id,
        detail: failure instanceof Error ? failure.message : String(failure),
      });
    }
  }

  /** An attempt's outcome, on the newest copy of the log; one another replica already recorded is ignored. */
  #record(id: string, attempt: Attempt): void {
    const delivery = this.#log.find((candidate) => candidate.id === id);
    if (!delivery || delivery.state !== 'pending' || delivery.attempts.length !== attempt.number - 1) return;
    delivery.attempts.push(attempt);
    this.#afterAttempt(delivery, attempt.number, attempt.status);
  }

  #finish(delivery: Delivery, state: 'delivered' | 'failed'): void {
    if (delivery.state !== 'pending') return;
    delivery.state = state;
    delivery.delivered = state === 'delivered';
    delivery.next_attempt_at = null;
    this.#pending--;
    this.onFinished?.(delivery);
    this.#changed();
  }
}

/** The tenant's text, and the precise cause for the server log. */
function describe(failure: unknown): { error: string; detail: string } {
  if (failure instanceof DeliveryFailure) {
    const error =
      failure.kind === 'refused' ? `refused by the webhook egress policy: ${failure.detail}` : NO_RESPONSE;
    return { error, detail: failure.detail };
  }
  // An injected sender's own error (tests): the same neutral text, its cause only in the log.
  const error = failure as Error & { cause?: { code?: string; message?: string } };
  const detail =
    error?.name === 'TimeoutError'
      ? `no answer within ${TIMEOUT_MS} ms`
      : (error?.cause?.code ?? error?.cause?.message ?? error?.message ?? String(failure));
  return { error: NO_RESPONSE, detail };
}
