# syntax=docker/dockerfile:1

# --- build: all dependencies, compile TypeScript
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json esbuild.config.mjs Dockerfile ./
COPY src ./src
# The build starts the server once to write V8's code cache, so it wants the fixtures too.
COPY fixtures ./fixtures
RUN npm run build

# --- runtime: production dependencies, compiled code, bundled fixtures
FROM node:22-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4010 \
    FIXTURES_DIR=/app/fixtures
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY fixtures ./fixtures
COPY openapi ./openapi
USER node
EXPOSE 4010
# Readiness with nothing but node: GET /__admin/health must answer 200. While starting, it is asked
# every 200 ms (--start-interval, Docker Engine 25+), so compose's service_healthy and
# Testcontainers' Wait.forHealthCheck() see a server that is up in ~0.2 s at once, not 5 s later.
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --start-interval=200ms --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4010) + '/__admin/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The same command the tests run (test/e2e, .ci/prod-smoke): the bundled server run through V8's
# code cache (esbuild.config.mjs, src/launch.cts), with 4 MB young-generation semi-spaces, which
# keep peak RSS down at no cost in throughput, and V8's heap held to 416 MB, so garbage is
# collected before RSS passes 512 MB under hostile load: the simulator's own memory budget
# (SIM_MAX_BYTES, 192 MiB by default) keeps what it holds well below that (bench/RESULTS.md).
# Raising SIM_MAX_BYTES past about 256 MiB needs a larger --max-old-space-size here. The build
# writes the code cache with these same flags. Replace the fixtures by mounting a folder and setting FIXTURES_DIR.
CMD ["node", "--max-semi-space-size=4", "--max-old-space-size=416", "dist/launch.cjs"]
