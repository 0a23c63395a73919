// Bundles the server into one file (dist/partner-sim.cjs) that dist/launch.cjs runs through V8's
// code cache: one script to load instead of hundreds of modules, mostly already compiled, is
// what makes the cold start fast. @fastify/swagger-ui reads its static assets next to its own
// code, so it stays in node_modules.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

await build({
  entryPoints: ['src/server.ts'],
  outfile: 'dist/partner-sim.cjs',
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  external: ['@fastify/swagger-ui'],
  // The sources are ES modules; in a CommonJS script import.meta.url is the bundle's own URL.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

// The code cache is only accepted by a node started with the same V8 flags, so it is written by
// the image's own command (the Dockerfile's CMD) with --write-code-cache appended.
const cmdLine = readFileSync(new URL('./Dockerfile', import.meta.url), 'utf8')
  .split('\n')
  .find((line) => line.startsWith('CMD '));
const [, ...args] = JSON.parse(cmdLine.slice(4));
execFileSync(process.execPath, [...args, '--write-code-cache'], { stdio: 'inherit' });
