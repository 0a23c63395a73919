// Bundles the server into one file (dist/partner-sim.mjs), the image's command: one module to
// load instead of hundreds cuts the cold start. @fastify/swagger-ui reads its static assets next
// to its own code, so it stays in node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/server.ts'],
  outfile: 'dist/partner-sim.mjs',
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  external: ['@fastify/swagger-ui'],
  // CommonJS dependencies call require(); give the ES module one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
