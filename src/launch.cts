// The image's entry: runs the bundled server (dist/partner-sim.cjs) through V8's code cache, so a
// cold start skips parsing and compiling what the last start already compiled. With
// `--write-code-cache` (run by `npm run build`) it starts the server on a free port, lets it get
// ready, saves the cache next to the bundle and exits. A missing or stale cache only costs speed.
import fs = require('node:fs');
import Module = require('node:module');
import path = require('node:path');
import vm = require('node:vm');

const { existsSync, readFileSync, writeFileSync } = fs;
const { join } = path;
const { Script } = vm;

const bundle = join(__dirname, 'partner-sim.cjs');
const cacheFile = join(__dirname, 'partner-sim.cache');
const writing = process.argv.includes('--write-code-cache');

if (writing) Object.assign(process.env, { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' });
const cachedData = !writing && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
// A script run this way has no dynamic import(): the bundle loads its external packages with require.
const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
const run = script.runInThisContext() as (...args: unknown[]) => void;
const bundleModule = { exports: {} };
// The bundle starts serving when it is the process's entry.
process.argv[1] = bundle;
run.call(
  bundleModule.exports,
  bundleModule.exports,
  Module.createRequire(bundle),
  bundleModule,
  bundle,
  __dirname,
);

if (writing) {
  setTimeout(() => {
    writeFileSync(cacheFile, script.createCachedData());
    process.exit(0);
  }, 1500);
}
