import { describe, expect, it } from 'vitest';
import { RequestLog } from '../../src/http/request-log.js';

/** A destination that keeps each write it receives. */
function recordingDestination() {
  const writes: string[] = [];
  return { writes, destination: { write: (text: string) => void writes.push(text) } };
}

const facts = (reqId: string) => ({
  reqId,
  method: 'POST',
  url: '/v1/orders/authorize',
  status: 422,
  ms: 0.42,
});

describe('the request log', () => {
  it('write every line of one event-loop turn with a single write, on the next turn', async () => {
    const { writes, destination } = recordingDestination();
    const log = new RequestLog(destination);

    log.add(facts('a'));
    log.add(facts('b'));
    log.add(facts('c'));
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));

    expect(writes).toHaveLength(1);
    const lines = (writes[0] ?? '').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line).reqId)).toEqual(['a', 'b', 'c']);
  });

  it('escape what the client controls, so every line stays one JSON object', async () => {
    const { writes, destination } = recordingDestination();
    const log = new RequestLog(destination);

    log.add({ ...facts('r"1'), url: '/v1/orders/"}\n{"level":60' });
    log.flush();

    expect(writes).toHaveLength(1);
    expect((writes[0] ?? '').split('\n')).toHaveLength(2);
    expect(JSON.parse(writes[0] ?? '')).toMatchObject({ reqId: 'r"1', url: '/v1/orders/"}\n{"level":60' });
  });

  it('write nothing when nothing is pending', () => {
    const { writes, destination } = recordingDestination();

    new RequestLog(destination).flush();

    expect(writes).toEqual([]);
  });
});
