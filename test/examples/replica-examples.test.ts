import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

// No container engine runs here, so the compose and Kubernetes examples are checked for what
// makes them work: names that resolve, ports that agree, probes that hit health. Each check
// returns the problems it finds; the mutation tests below prove a wrong name or port is caught.

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML, whose shape is exactly what the checks look at.
type Doc = Record<string, any>;

const root = new URL('../../', import.meta.url);
const composeDir = new URL('examples/docker-compose/', root);
const kubernetesDir = new URL('examples/kubernetes/', root);
const read = (url: URL) => readFileSync(url, 'utf8');
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value));

const SIM_PORT = 4010;
const REDIS_PORT = 6379;
const HEALTH = '/__admin/health';

/** A redis:// URL's host and port, or undefined for anything else. */
function redisTarget(url: unknown): { host: string; port: number } | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') return undefined;
    return { host: parsed.hostname, port: Number(parsed.port || REDIS_PORT) };
  } catch {
    return undefined;
  }
}

// --- docker compose

/** Compose's `environment`, as a list of KEY=value or a map, as a map. */
function environment(service: Doc): Record<string, string> {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return env;
  return Object.fromEntries(
    env.map((entry: string) => [entry.split('=')[0], entry.slice(entry.indexOf('=') + 1)]),
  );
}

function healthy(service: Doc, name: string): boolean {
  return service.depends_on?.[name]?.condition === 'service_healthy';
}

/** The upstream blocks of an nginx.conf (comments dropped): name → server addresses. */
function upstreams(conf: string): Map<string, string[]> {
  const text = conf.replace(/#.*$/gm, '');
  const found = new Map<string, string[]>();
  for (const [, name, body] of text.matchAll(/upstream\s+(\S+)\s*\{([^}]*)\}/g)) {
    found.set(
      name ?? '',
      [...(body ?? '').matchAll(/^\s*server\s+([^\s;]+)/gm)].map((match) => match[1] ?? ''),
    );
  }
  return found;
}

function composeProblems(compose: Doc, nginxConf: string): string[] {
  const problems: string[] = [];
  const services: Record<string, Doc> = compose.services ?? {};
  const names = Object.keys(services);

  const redisNames = names.filter((name) => String(services[name]?.image).startsWith('redis:'));
  if (redisNames.length !== 1) problems.push(`expected one redis service, found ${redisNames.length}`);
  const redisName = redisNames[0] ?? '';
  const redis = services[redisName] ?? {};
  const redisArgs: string[] = redis.command ?? [];
  const portFlag = redisArgs.indexOf('--port');
  const redisPort = portFlag >= 0 ? Number(redisArgs[portFlag + 1]) : REDIS_PORT;
  if (!redis.healthcheck?.test?.join(' ').includes('ping')) {
    problems.push(`${redisName} has no ping healthcheck`);
  }

  // The replicas are the services built from the repository's Dockerfile.
  const replicas = names.filter((name) => {
    const context = services[name]?.build?.context ?? services[name]?.build;
    return (
      typeof context === 'string' && fileURLToPath(new URL(`${context}/`, composeDir)) === fileURLToPath(root)
    );
  });
  if (replicas.length !== 3) problems.push(`expected 3 replicas built from ../.., found ${replicas.length}`);
  if (!existsSync(new URL('Dockerfile', root))) problems.push('no Dockerfile at the build context');

  for (const name of replicas) {
    const service = services[name] ?? {};
    const env = environment(service);
    const target = redisTarget(env.SIM_STORE);
    if (!target) problems.push(`${name}: SIM_STORE=${env.SIM_STORE} is not a redis:// URL`);
    else if (target.host !== redisName || target.port !== redisPort) {
      problems.push(`${name}: SIM_STORE=${env.SIM_STORE} is not the redis service ${redisName}:${redisPort}`);
    }
    if (env.HOST !== '0.0.0.0') problems.push(`${name}: HOST=${env.HOST}, not 0.0.0.0`);
    if (!/^\$\{SIM_ADMIN_TOKEN(:?[-?][^}]*)?\}$/.test(env.SIM_ADMIN_TOKEN ?? '')) {
      problems.push(`${name}: SIM_ADMIN_TOKEN does not come from the environment`);
    }
    const port = Number(env.PORT ?? SIM_PORT);
    if (port !== SIM_PORT) problems.push(`${name}: PORT=${env.PORT}, not ${SIM_PORT}`);
    if (!service.healthcheck?.test?.join(' ').includes(`127.0.0.1:${port}${HEALTH}`)) {
      problems.push(`${name}: the healthcheck does not ask ${HEALTH} on port ${port}`);
    }
    if (!healthy(service, redisName)) problems.push(`${name}: does not wait for ${redisName} to be healthy`);
    if (service.ports) problems.push(`${name}: publishes ports; every request should go through the proxy`);
  }
  // Replicas that disagree on the store or its prefix each see their own sandboxes.
  for (const key of ['SIM_STORE', 'SIM_STORE_PREFIX']) {
    const values = new Set(replicas.map((name) => environment(services[name] ?? {})[key]));
    if (values.size > 1) problems.push(`the replicas disagree on ${key}: ${[...values].join(', ')}`);
  }

  const proxyName = names.find((name) => String(services[name]?.image).startsWith('nginx:')) ?? '';
  const proxy = services[proxyName] ?? {};
  if (!proxyName) problems.push('no nginx service');
  if (JSON.stringify(proxy.ports) !== JSON.stringify([`${SIM_PORT}:${SIM_PORT}`])) {
    problems.push(`${proxyName}: ports ${JSON.stringify(proxy.ports)}, not ["${SIM_PORT}:${SIM_PORT}"]`);
  }
  if (!proxy.volumes?.some((volume: string) => volume.startsWith('./nginx.conf:/etc/nginx/nginx.conf'))) {
    problems.push(`${proxyName}: does not mount ./nginx.conf as /etc/nginx/nginx.conf`);
  }
  for (const name of replicas) {
    if (!healthy(proxy, name)) problems.push(`${proxyName}: does not wait for ${name} to be healthy`);
  }

  const blocks = upstreams(nginxConf);
  if (blocks.size !== 1) problems.push(`nginx.conf: expected one upstream block, found ${blocks.size}`);
  const [upstream, servers = []] = [...blocks][0] ?? [];
  const expected = replicas.map((name) => `${name}:${SIM_PORT}`);
  if (JSON.stringify([...servers].sort()) !== JSON.stringify([...expected].sort())) {
    problems.push(
      `nginx.conf: upstream servers ${servers.join(', ')}, not the replicas ${expected.join(', ')}`,
    );
  }
  const text = nginxConf.replace(/#.*$/gm, '');
  if (/^\s*(least_conn|ip_hash|hash|random)\b/m.test(text)) problems.push('nginx.conf: not round robin');
  if (!/^\s*keepalive\s+\d+;/m.test(text)) problems.push('nginx.conf: no upstream keepalive');
  if (!/^\s*proxy_http_version\s+1\.1;/m.test(text) || !/proxy_set_header\s+Connection\s+"";/.test(text)) {
    problems.push('nginx.conf: keepalive needs proxy_http_version 1.1 and an empty Connection header');
  }
  if (!new RegExp(`^\\s*proxy_pass\\s+http://${upstream};`, 'm').test(text)) {
    problems.push(`nginx.conf: no proxy_pass to the upstream ${upstream}`);
  }
  if (!new RegExp(`^\\s*listen\\s+${SIM_PORT};`, 'm').test(text)) {
    problems.push(`nginx.conf: does not listen on ${SIM_PORT}, the port the proxy publishes`);
  }
  return problems;
}

// --- Kubernetes

/** A container's port by number or by name, as a probe or a Service's targetPort names it. */
function containerPort(container: Doc, port: unknown): number | undefined {
  const ports: Doc[] = container.ports ?? [];
  const found = ports.find((p) => p.containerPort === port || (typeof port === 'string' && p.name === port));
  return found?.containerPort;
}

function selects(selector: Record<string, string> | undefined, labels: Record<string, string> = {}): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

function kubernetesProblems(docs: Doc[]): string[] {
  const problems: string[] = [];
  const deployments = docs.filter((doc) => doc.kind === 'Deployment');
  const services = docs.filter((doc) => doc.kind === 'Service');
  const podLabels = (deployment: Doc) => deployment.spec?.template?.metadata?.labels ?? {};
  const containers = (deployment: Doc): Doc[] => deployment.spec?.template?.spec?.containers ?? [];

  const apiVersions: Record<string, string> = { Deployment: 'apps/v1', Service: 'v1' };
  for (const doc of docs) {
    if (apiVersions[doc.kind] !== doc.apiVersion) {
      problems.push(
        `${doc.kind} ${doc.metadata?.name}: apiVersion ${doc.apiVersion} is not that of a known kind`,
      );
    }
  }
  for (const deployment of deployments) {
    if (!selects(deployment.spec?.selector?.matchLabels, podLabels(deployment))) {
      problems.push(`Deployment ${deployment.metadata?.name}: its selector does not match its pod labels`);
    }
  }
  // Every Service selects the pods of exactly one Deployment, on a port its container declares.
  const backing = (service: Doc) => deployments.filter((d) => selects(service.spec?.selector, podLabels(d)));
  for (const service of services) {
    const matched = backing(service);
    if (matched.length !== 1) {
      problems.push(`Service ${service.metadata?.name}: selects ${matched.length} Deployments, not 1`);
    }
  }

  const sim = deployments.find((d) => d.metadata?.name === 'partner-sim');
  if (!sim) return [...problems, 'no Deployment partner-sim'];
  if (sim.spec?.replicas !== 3) problems.push(`partner-sim: ${sim.spec?.replicas} replicas, not 3`);
  const container = containers(sim).find((c) => String(c.image).startsWith('partner-sim'));
  if (!container) return [...problems, 'partner-sim: no partner-sim container'];
  if (container.image !== 'partner-sim:latest') problems.push(`partner-sim: image ${container.image}`);
  const env = Object.fromEntries((container.env ?? []).map((e: Doc) => [e.name, e.value ?? e.valueFrom]));
  const port = Number(env.PORT ?? SIM_PORT);
  if (containerPort(container, port) !== SIM_PORT) {
    problems.push(`partner-sim: PORT ${port} is not its declared container port ${SIM_PORT}`);
  }
  if (env.HOST !== '0.0.0.0') problems.push(`partner-sim: HOST=${env.HOST}, not 0.0.0.0`);
  for (const probe of ['readinessProbe', 'livenessProbe']) {
    const get = container[probe]?.httpGet;
    if (get?.path !== HEALTH || containerPort(container, get?.port) !== SIM_PORT) {
      problems.push(`partner-sim: ${probe} does not GET ${HEALTH} on container port ${SIM_PORT}`);
    }
  }
  if (!container.resources?.requests?.memory || !container.resources?.limits?.memory) {
    problems.push('partner-sim: no memory request and limit');
  }

  const simServices = services.filter((s) => backing(s).includes(sim));
  if (simServices.length !== 1) problems.push(`partner-sim: ${simServices.length} Services select it, not 1`);
  for (const service of simServices) {
    for (const p of service.spec?.ports ?? []) {
      if (containerPort(container, p.targetPort ?? p.port) !== SIM_PORT || p.port !== SIM_PORT) {
        problems.push(`Service ${service.metadata?.name}: port ${p.port} → ${p.targetPort}, not ${SIM_PORT}`);
      }
    }
  }

  // SIM_STORE names a Service that reaches a Redis container on the URL's port.
  const target = redisTarget(env.SIM_STORE);
  if (!target)
    return [...problems, `partner-sim: SIM_STORE=${JSON.stringify(env.SIM_STORE)} is not redis://`];
  if (target.host !== 'partner-sim-redis') problems.push(`partner-sim: SIM_STORE host ${target.host}`);
  const redisService = services.find((s) => s.metadata?.name === target.host);
  if (!redisService) return [...problems, `partner-sim: SIM_STORE names ${target.host}, which is no Service`];
  const redis = backing(redisService)[0];
  const redisContainer = redis && containers(redis).find((c) => String(c.image).startsWith('redis:'));
  const redisPort = (redisService.spec?.ports ?? []).find((p: Doc) => p.port === target.port);
  if (!redisContainer) problems.push(`Service ${target.host} does not select a Redis Deployment`);
  else if (
    !redisPort ||
    containerPort(redisContainer, redisPort.targetPort ?? redisPort.port) !== REDIS_PORT
  ) {
    problems.push(`Service ${target.host}: port ${target.port} does not reach Redis on ${REDIS_PORT}`);
  }
  for (const init of sim.spec?.template?.spec?.initContainers ?? []) {
    const command = [...(init.command ?? []), ...(init.args ?? [])].join(' ');
    if (!command.includes(`-h ${target.host} -p ${target.port}`)) {
      problems.push(`partner-sim: init container ${init.name} waits for another Redis than SIM_STORE's`);
    }
  }
  return problems;
}

// --- the shipped files, and proof that the checks catch what they are for

const compose = parse(read(new URL('docker-compose.yml', composeDir)));
const nginxConf = read(new URL('nginx.conf', composeDir));
const manifests = readdirSync(kubernetesDir)
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) => parseAllDocuments(read(new URL(file, kubernetesDir))).map((doc) => doc.toJS() as Doc));

describe('examples/docker-compose: three replicas sharing Redis behind nginx', () => {
  it('has nothing wrong with it', () => {
    expect(composeProblems(compose, nginxConf)).toEqual([]);
  });

  it('names its replicas partner-sim-1..3, each with the same SIM_STORE', () => {
    for (const name of ['partner-sim-1', 'partner-sim-2', 'partner-sim-3']) {
      expect(environment(compose.services[name]).SIM_STORE).toBe('redis://redis:6379');
    }
  });

  const mutations: Array<[string, (c: Doc) => string | undefined, RegExp]> = [
    [
      'a replica pointing at a service that does not exist',
      (c) => {
        c.services['partner-sim-2'].environment.SIM_STORE = 'redis://cache:6379';
        return undefined;
      },
      /partner-sim-2: SIM_STORE=redis:\/\/cache:6379 is not the redis service redis:6379/,
    ],
    [
      'the redis service renamed',
      (c) => {
        c.services.cache = c.services.redis;
        delete c.services.redis;
        return undefined;
      },
      /is not the redis service cache:6379/,
    ],
    [
      'a replica on another key prefix',
      (c) => {
        c.services['partner-sim-3'].environment.SIM_STORE_PREFIX = 'other:';
        return undefined;
      },
      /disagree on SIM_STORE_PREFIX/,
    ],
    [
      'an nginx upstream missing a replica',
      () => nginxConf.replace(/^\s*server partner-sim-3:4010;\n/m, ''),
      /upstream servers partner-sim-1:4010, partner-sim-2:4010, not the replicas/,
    ],
    [
      'an nginx upstream with a misspelt replica',
      () => nginxConf.replace('server partner-sim-2:4010;', 'server partner_sim_2:4010;'),
      /upstream servers/,
    ],
    [
      'an nginx upstream on the wrong port',
      () => nginxConf.replace('server partner-sim-1:4010;', 'server partner-sim-1:8080;'),
      /upstream servers/,
    ],
    [
      'a fourth replica nginx does not know',
      (c) => {
        c.services['partner-sim-4'] = copy(c.services['partner-sim-1']);
        return undefined;
      },
      /expected 3 replicas/,
    ],
    [
      'a replica healthcheck on another path',
      (c) => {
        c.services['partner-sim-1'].healthcheck.test = ['CMD', 'wget', '-q', 'http://127.0.0.1:4010/health'];
        return undefined;
      },
      /partner-sim-1: the healthcheck does not ask/,
    ],
  ];
  it.each(mutations)('catches %s', (_, mutate, problem) => {
    const mutated = copy(compose);
    const conf = mutate(mutated) ?? nginxConf;
    expect(composeProblems(mutated, conf).join('\n')).toMatch(problem);
  });
});

describe('examples/kubernetes: a Deployment of three replicas and a Redis Service', () => {
  it('has nothing wrong with it', () => {
    expect(kubernetesProblems(manifests)).toEqual([]);
  });

  it('runs the same Redis image as the compose example, and waits for Redis with it', () => {
    const images = manifests
      .filter((doc) => doc.kind === 'Deployment')
      .flatMap((doc) => [
        ...(doc.spec.template.spec.initContainers ?? []),
        ...doc.spec.template.spec.containers,
      ])
      .map((container: Doc) => container.image)
      .filter((image: string) => image.startsWith('redis:'));
    expect(images).toEqual([compose.services.redis.image, compose.services.redis.image]);
  });

  const named = (docs: Doc[], kind: string, name: string) =>
    docs.find((doc) => doc.kind === kind && doc.metadata?.name === name) as Doc;
  const simContainer = (docs: Doc[]) =>
    named(docs, 'Deployment', 'partner-sim').spec.template.spec.containers[0];

  const mutations: Array<[string, (docs: Doc[]) => void, RegExp]> = [
    [
      'SIM_STORE naming a Service that does not exist',
      (docs) => {
        const env = simContainer(docs).env.find((e: Doc) => e.name === 'SIM_STORE');
        env.value = 'redis://redis:6379';
      },
      /SIM_STORE names redis, which is no Service/,
    ],
    [
      'the Redis Service on another port than SIM_STORE',
      (docs) => {
        named(docs, 'Service', 'partner-sim-redis').spec.ports[0].port = 6380;
      },
      /port 6379 does not reach Redis/,
    ],
    [
      'a Service selecting both Deployments',
      (docs) => {
        named(docs, 'Service', 'partner-sim').spec.selector = { 'app.kubernetes.io/part-of': 'partner-sim' };
      },
      /Service partner-sim: selects 2 Deployments/,
    ],
    [
      'a Service selecting labels the pods do not have',
      (docs) => {
        named(docs, 'Service', 'partner-sim').spec.selector = { app: 'partner-sim' };
      },
      /Service partner-sim: selects 0 Deployments/,
    ],
    [
      'two replicas',
      (docs) => {
        named(docs, 'Deployment', 'partner-sim').spec.replicas = 2;
      },
      /2 replicas, not 3/,
    ],
    [
      'a readiness probe on another port',
      (docs) => {
        simContainer(docs).readinessProbe.httpGet.port = 8080;
      },
      /readinessProbe does not GET/,
    ],
    [
      'a liveness probe on another path',
      (docs) => {
        simContainer(docs).livenessProbe.httpGet.path = '/healthz';
      },
      /livenessProbe does not GET/,
    ],
    [
      'a Service whose targetPort the container does not declare',
      (docs) => {
        named(docs, 'Service', 'partner-sim').spec.ports[0].targetPort = 'web';
      },
      /Service partner-sim: port 4010 → web/,
    ],
    [
      'an init container waiting for another Redis',
      (docs) => {
        const init = named(docs, 'Deployment', 'partner-sim').spec.template.spec.initContainers[0];
        init.command = init.command.map((part: string) => part.replace('partner-sim-redis', 'redis'));
      },
      /init container wait-for-redis waits for another Redis/,
    ],
  ];
  it.each(mutations)('catches %s', (_, mutate, problem) => {
    const mutated = copy(manifests);
    mutate(mutated);
    expect(kubernetesProblems(mutated).join('\n')).toMatch(problem);
  });
});
