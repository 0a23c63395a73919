import { hostname } from 'node:os';
import type { DestinationStream } from 'pino';

/** What the line of one request says. */
export interface RequestFacts {
  reqId: string;
  method: string;
  url: string;
  status: number;
  ms: number;
}

/**
 * The one info line per request, exactly as pino writes it (`{"level":30,"time":…,"pid":…,
 * "hostname":…,"reqId":…,…,"msg":"request"}`), but formatted here and written once per event-loop
 * turn for every request of that turn: one write per line through pino costs several times more
 * CPU per request (README, "Speed and robustness"). Lines wait at most one turn, and `flush`
 * writes them when the app closes, so none is lost.
 */
export class RequestLog {
  readonly #destination: DestinationStream;
  readonly #base = `,"pid":${process.pid},"hostname":${JSON.stringify(hostname())}`;
  #pending: string[] = [];
  #scheduled = false;

  constructor(destination: DestinationStream) {
    this.#destination = destination;
  }

  add(facts: RequestFacts): void {
    this.#pending.push(
      `{"level":30,"time":${Date.now()}${this.#base},"reqId":${JSON.stringify(facts.reqId)},` +
        `"method":${JSON.stringify(facts.method)},"url":${JSON.stringify(facts.url)},` +
        `"status":${facts.status},"ms":${facts.ms},"msg":"request"}\n`,
    );
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.flush);
    }
  }

  readonly flush = (): void => {
    this.#scheduled = false;
    if (this.#pending.length === 0) return;
    const lines = this.#pending.join('');
    this.#pending = [];
    this.#destination.write(lines);
  };
}
