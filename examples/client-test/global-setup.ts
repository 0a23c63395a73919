// Starts partner-sim in this process for the whole run, unless SIM_URL points at one already
// running (a container, a CI service); either way every test file gets its URL from inject().
import { startPartnerSim } from 'partner-sim';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    simUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.SIM_URL) {
    project.provide('simUrl', process.env.SIM_URL);
    return;
  }
  const sim = await startPartnerSim({ logLevel: 'warn' });
  project.provide('simUrl', sim.url);
  return () => sim.close();
}
