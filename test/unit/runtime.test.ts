import { describe, expect, it } from 'vitest';

describe('the toolchain', () => {
  it('runs on Node 22 or newer (better-sqlite3 13 crashes on Node 20)', () => {
    // npm scripts put the `node` devDependency first on PATH; installing with
    // --ignore-scripts silently falls back to the system Node, which this catches.
    const major = Number(process.version.slice(1).split('.')[0]);
    expect(major, `running on ${process.version}`).toBeGreaterThanOrEqual(22);
  });
});
