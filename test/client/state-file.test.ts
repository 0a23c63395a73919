import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SandboxState, StateFileError, startPartnerSim } from '../../src/index.js';
import { failedStart } from '../support/server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'partner-sim-state-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const quiet = { logLevel: 'silent' } as const;

/** A scenario as QA saves it: the fixtures plus one order and a fault rule, on a frozen clock. */
async function savedScenario(): Promise<SandboxState> {
  const sim = await startPartnerSim({ ...quiet, now: '2024-05-01T12:00:00Z', seed: 'scenario' });
  try {
    const client = sim.client('qa');
    await client.grow.orders.seed({ status: 'pending', currency: 'KES' });
    await client.faults.add({
      match: { partner: 'grow', path: '*/orders/authorize' },
      action: { status: 503 },
      times: 1,
    });
    return await client.state.save();
  } finally {
    await sim.close();
  }
}

describe('SIM_STATE_FILE (stateFile, --state)', () => {
  it('is where every new sandbox starts, and where a reset goes back to', async () => {
    const saved = await savedScenario();
    const sim = await startPartnerSim({ ...quiet, stateFile: write('scenario.json', JSON.stringify(saved)) });
    try {
      const client = sim.client('another-token');
      expect(await client.state.save()).toEqual(saved);
      await client.grow.orders.seed({});
      await client.reset();
      expect(await client.state.save()).toEqual(saved);
    } finally {
      await sim.close();
    }
  });

  it('stops start-up naming the file and the problem', async () => {
    const saved = await savedScenario();
    const cases: Array<[string, string]> = [
      [
        write('old.json', JSON.stringify({ ...saved, version: 1 })),
        'field version: expected 2: this simulator loads states of version 2 (save one with GET /__admin/state)',
      ],
      [write('broken.json', '{"version":'), 'not valid JSON (Unexpected end of JSON input)'],
      [join(dir, 'missing.json'), 'cannot be read (ENOENT)'],
    ];
    for (const [path, problem] of cases) {
      const error = await startPartnerSim({ ...quiet, stateFile: path }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateFileError);
      expect((error as Error).message).toBe(`Invalid SIM_STATE_FILE ${path}: ${problem}`);
    }
    const tooBig = await startPartnerSim({
      ...quiet,
      sandboxMaxBytes: '64k',
      stateFile: write('big.json', JSON.stringify(saved)),
    }).catch((e: unknown) => e);
    expect((tooBig as Error).message).toMatch(
      /: it needs about \d+ bytes once loaded, more than a sandbox may hold \(SIM_SANDBOX_MAX_BYTES=65536\)$/,
    );
  });

  it('stops the server process with one line and exit 1', async () => {
    const path = write('cli-old.json', '{"version":1}');
    const { code, stderr } = await failedStart({ SIM_STATE_FILE: path });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `partner-sim: Invalid SIM_STATE_FILE ${path}: field version: expected 2: this simulator loads states of version 2 (save one with GET /__admin/state)\n`,
    );
  });
});
