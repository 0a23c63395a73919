import { mkdirSync, writeFileSync } from 'node:fs';
import { renderScenarioLibrary, SCENARIOS_DIR } from './scenario-library.js';

// `npm run scenarios`: rebuilds fixtures/scenarios/*.json by driving the simulator.
mkdirSync(SCENARIOS_DIR, { recursive: true });
for (const [file, text] of Object.entries(await renderScenarioLibrary())) {
  writeFileSync(new URL(file, SCENARIOS_DIR), text);
  process.stdout.write(`wrote fixtures/scenarios/${file}\n`);
}
