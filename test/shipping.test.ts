import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENV_VARIABLES, optionName } from '../src/config.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('Dockerfile', () => {
  const dockerfile = DockerfileParser.parse(read('Dockerfile'));
  const instructions = dockerfile
    .getInstructions()
    .map((i) => ({ keyword: i.getKeyword(), args: i.getArgumentsContent() ?? '' }));
  const stages = dockerfile.getFROMs();
  const lastStage = instructions.slice(instructions.findLastIndex((i) => i.keyword === 'FROM'));

  it('builds in a first stage and runs on an LTS Node with production dependencies only', () => {
    expect(stages).toHaveLength(2);
    for (const from of stages) expect(from.getImageName()).toBe('node');
    for (const from of stages) expect(from.getImageTag()).toMatch(/^(22|24)(-slim|-alpine)?$/);
    expect(instructions.find((i) => i.keyword === 'RUN')?.args).toContain('npm ci');
    expect(
      lastStage
        .filter((i) => i.keyword === 'RUN')
        .map((i) => i.args)
        .join(' '),
    ).toContain('--omit=dev');
  });

  it('runs as a non-root user on 0.0.0.0:4010, exposes it, and checks health with node alone', () => {
    expect(lastStage.find((i) => i.keyword === 'USER')?.args).toBe('node');
    const env = lastStage
      .filter((i) => i.keyword === 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toContain('HOST=0.0.0.0');
    expect(env).toContain('PORT=4010');
    expect(env).toContain('FIXTURES_DIR=/app/fixtures');
    expect(lastStage.find((i) => i.keyword === 'EXPOSE')?.args).toBe('4010');
    const healthcheck = lastStage.find((i) => i.keyword === 'HEALTHCHECK')?.args ?? '';
    expect(healthcheck).toContain('CMD ["node", "-e"');
    expect(healthcheck).toContain('/__admin/health');
    // Asked often while starting, so a waiting harness sees a ~0.2 s start at once.
    const flags = (
      dockerfile.getInstructions().find((i) => i.getKeyword() === 'HEALTHCHECK') as unknown as {
        getFlags(): Array<{ toString(): string }>;
      }
    )
      .getFlags()
      .map(String);
    expect(flags).toEqual(expect.arrayContaining(['--start-period=10s', '--start-interval=200ms']));
    expect(lastStage.map((i) => i.args).join('\n')).toContain('fixtures ./fixtures');
  });

  it('has a .dockerignore that keeps local installs and builds out', () => {
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git']));
  });
});

describe('examples', () => {
  it('docker-compose runs the client suite once the simulator is healthy', () => {
    const compose = parse(read('examples/docker-compose.yml'));
    expect(compose.services['partner-sim'].build).toBe('..');
    expect(compose.services['partner-sim'].ports).toEqual(['4010:4010']);
    expect(compose.services['partner-sim'].healthcheck.test.join(' ')).toContain('/__admin/health');
    expect(compose.services['partner-sim'].healthcheck.start_interval).toBe('200ms');
    expect(compose.services.tests.depends_on).toEqual({ 'partner-sim': { condition: 'service_healthy' } });
    expect(compose.services.tests.environment.SIM_URL).toBe('http://partner-sim:4010');
    expect(compose.services.tests.volumes).toEqual(['./client-test:/suite']);
    expect(compose.services.tests.command.join(' ')).toContain('npx vitest run');
  });

  it('github-actions runs the simulator as a service container and the suite against it', () => {
    const workflow = parse(read('examples/github-actions.yml'));
    const job = workflow.jobs['integration-tests'];
    expect(job.needs).toBe('partner-sim-image');
    expect(job.services['partner-sim'].ports).toEqual(['4010:4010']);
    expect(job.services['partner-sim'].options).toContain('/__admin/health');
    const step = job.steps.find((s: { name?: string }) => s.name === 'Integration tests against partner-sim');
    expect(step.env.SIM_URL).toBe('http://localhost:4010');
    expect(step['working-directory']).toBe('examples/client-test');
    expect(step.run).toContain('npx vitest run');
    const build = workflow.jobs['partner-sim-image'].steps.find((s: { uses?: string }) =>
      s.uses?.startsWith('docker/build-push-action'),
    );
    expect(build.with.tags).toBe(job.services['partner-sim'].image);
  });
});

describe('configuration', () => {
  const names = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1]);

  it('.env.example and the README table list every variable the code reads', () => {
    const example = names(read('.env.example'), /^([A-Z_]+)=/gm);
    const readme = names(read('README.md'), /^\| `([A-Z_]+)` \|/gm);

    expect([...example].sort()).toEqual([...ENV_VARIABLES].sort());
    expect([...readme].sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it("the README table names each variable's startPartnerSim option as the code derives it", () => {
    const rows = [...read('README.md').matchAll(/^\| `([A-Z_]+)` \| `(\w+)` \|/gm)];
    expect(rows.map(([, variable, option]) => [variable, option])).toEqual(
      rows.map(([, variable]) => [variable, optionName(variable ?? '')]),
    );
    expect(rows).toHaveLength(ENV_VARIABLES.length);
  });
});

describe('README', () => {
  it('shows the example suite and its globalSetup as they are in examples/client-test (which CI runs)', () => {
    const blocks = [...read('README.md').matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
    for (const file of ['global-setup.ts', 'partner-sim.test.ts']) {
      expect(blocks).toContain(read(`examples/client-test/${file}`));
    }
  });

  it('shows the webhook receiver example as it is in examples/ (which a test runs)', () => {
    const readme = read('README.md');
    const block = /```js\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const file = read('examples/webhook-receiver.mjs')
      .split('\n')
      .filter((line) => !line.startsWith('//'))
      .join('\n');
    expect(block.trim()).toBe(file.trim());
  });
});
