#!/usr/bin/env node
// `npx reperes …` from a checkout: registers tsx so that the TypeScript sources run as they
// are (no build step), then hands over to electron/cli/reperes.ts. Needs Node 22 or newer:
// inside the project, npx and npm put the `node` devDependency (Node 22) first on PATH.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(`reperes needs Node.js 22 or newer (this is ${process.version}); run it through "npx reperes" or "npm run reperes" in the project folder.\n`);
  process.exit(1);
}
// V8's code cache on disk (Node 22.1+, in the system's temporary folder): the modules a
// command loads (zod, better-sqlite3's wrapper, tsx's own output) are compiled once, not on
// every start; a command that loads more (export) gains most. Harmless when the folder
// cannot be written: Node then runs without it.
(await import('node:module')).enableCompileCache?.();
// Both hooks: the ESM one loads reperes.ts, the CommonJS one its `require`s (the package is
// not "type": "module", so tsx compiles the .ts sources as CommonJS).
const [{ register: registerEsm }, { register: registerCjs }] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
registerEsm();
registerCjs();
const { main } = await import('../electron/cli/reperes.ts');
process.exitCode = await main(process.argv.slice(2));
