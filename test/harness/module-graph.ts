/**
 * The modules a source file loads before it runs: its static imports, followed through the
 * project's own files, without running anything. `import type`, and named imports that are
 * all `type`, are left out (the compiler erases them); `await import()` is not followed (that
 * is how a command defers what it rarely needs). Bare specifiers are reduced to their package
 * name (`zod/v4` → `zod`, `node:fs` stays `node:fs`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface ModuleGraph {
  /** Project files reached, relative to the root, with / separators. */
  files: Set<string>;
  /** Packages (and node: built-ins) imported by those files. */
  packages: Set<string>;
  /** For each file reached, the file that first imported it (to explain a failure). */
  importedBy: Map<string, string>;
}

/** Static, non-type imports and re-exports of one TypeScript file. */
export function staticImports(source: string, fileName = 'file.ts'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: string[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes = clause !== undefined && clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      if (onlyTypes) continue;
      if (ts.isStringLiteral(statement.moduleSpecifier)) out.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly)) continue;
      out.push(statement.moduleSpecifier.text);
    }
  }
  return out;
}

function packageName(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

function resolveRelative(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, resolve(base, 'index.ts')]) {
    if (existsSync(candidate) && (candidate !== base || /\.(ts|tsx|json)$/.test(base))) return candidate;
  }
  throw new Error(`${from}: cannot resolve ${specifier}`);
}

/** Every module `entries` (paths relative to `root`) load through static imports. */
export function moduleGraph(root: string, entries: readonly string[]): ModuleGraph {
  const graph: ModuleGraph = { files: new Set(), packages: new Set(), importedBy: new Map() };
  const queue = entries.map((entry) => resolve(root, entry));
  for (const entry of queue) graph.files.add(relative(root, entry).split('\\').join('/'));
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (file.endsWith('.json')) continue;
    const name = relative(root, file).split('\\').join('/');
    for (const specifier of staticImports(readFileSync(file, 'utf8'), file)) {
      if (!specifier.startsWith('.')) {
        graph.packages.add(packageName(specifier));
        continue;
      }
      const target = resolveRelative(file, specifier);
      const key = relative(root, target).split('\\').join('/');
      if (graph.files.has(key)) continue;
      graph.files.add(key);
      graph.importedBy.set(key, name);
      queue.push(target);
    }
  }
  return graph;
}

/** "a ← b ← entry": how a file was reached. */
export function importChain(graph: ModuleGraph, file: string): string {
  const chain = [file];
  let current = graph.importedBy.get(file);
  while (current !== undefined) {
    chain.push(current);
    current = graph.importedBy.get(current);
  }
  return chain.join(' ← ');
}
