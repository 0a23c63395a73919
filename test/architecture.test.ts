import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PARTNERS } from '../src/partners/index.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.c?ts$/.test(entry.name) ? [path] : [];
  });
}

/** Every relative import of a file (type-only ones too: a cycle of types is still a tangle). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g)].map((match) =>
    resolve(dirname(file), (match[1] ?? '').replace(/\.js$/, '.ts')),
  );
}

/** The import cycles among the sources, each as a list of paths relative to src/. */
function cycles(files: string[]): string[][] {
  const graph = new Map(files.map((file) => [file, importsOf(file)]));
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open')
        found.push(stack.slice(stack.indexOf(next)).map((f) => relative(SRC, f)));
      else if (!state.has(next) && graph.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

/** What each folder may import (ARCHITECTURE.md): the layers below it, never above. */
function allowedFor(file: string): (target: string) => boolean {
  const [top = '', second = ''] = file.split('/');
  const under =
    (...folders: string[]) =>
    (target: string) =>
      folders.some((folder) => target === folder || target.startsWith(`${folder}/`));
  const lib = under('lib');
  const sandbox = under('sandbox', 'lib');
  const http = (target: string) => under('http', 'sandbox', 'lib', 'config.ts')(target);
  const admin = (target: string) =>
    under('admin', 'http', 'sandbox', 'lib', 'config.ts', 'partners/module.ts')(target);
  switch (top) {
    case 'lib':
      return lib;
    case 'sandbox':
      return sandbox;
    case 'http':
      return http;
    case 'admin':
      return admin;
    case 'partners':
      // The registries: index.ts of the server's partners, clients.ts of the admin client's sections.
      if (second === 'index.ts' || second === 'module.ts' || second === 'clients.ts') return () => true;
      return (target) => under(`partners/${second}`, 'partners/module.ts')(target) || admin(target);
    default:
      return () => true;
  }
}

describe('architecture', () => {
  it('keeps each folder to the layers below it', () => {
    const breaches = sourceFiles(SRC).flatMap((path) => {
      const file = relative(SRC, path);
      const allowed = allowedFor(file);
      return importsOf(path)
        .map((target) => relative(SRC, target))
        .filter((target) => !allowed(target))
        .map((target) => `${file} → ${target}`);
    });
    expect(breaches).toEqual([]);
  });

  it('has no import cycles under src/', () => {
    expect(cycles(sourceFiles(SRC))).toEqual([]);
  });

  // The environment is one flat list of variables (the README's table), so config.ts reads the
  // partners' settings (SIM_GROW_…), and the CLI's usage line says what the product simulates.
  const NAMES_PARTNERS_BY_DESIGN = ['config.ts', 'cli.ts'];

  it('names a partner only in its own folder and the registry', () => {
    const names = PARTNERS.map((partner) => partner.name);
    const outside = sourceFiles(SRC)
      .map((file) => relative(SRC, file))
      .filter((file) => !NAMES_PARTNERS_BY_DESIGN.includes(file))
      .filter((file) => !file.startsWith('partners/') || file === 'partners/module.ts')
      .filter((file) => {
        const text = readFileSync(join(SRC, file), 'utf8');
        return names.some((name) => new RegExp(`\\b${name}\\b`, 'i').test(text));
      });
    expect(outside).toEqual([]);
  });
});
