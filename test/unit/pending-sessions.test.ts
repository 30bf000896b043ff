/**
 * A full or read-only disk during a session save: the visit is kept and written once the disk
 * accepts writes again. First with injected errors, then on a real small filesystem (tmpfs)
 * where the machine allows mounting one.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/database';
import { createPendingSessions } from '../../electron/services/pending-sessions';
import { createSessionRepository } from '../../electron/services/sessions';
import { DEFAULT_DIRECTORY } from '../../shared/orientation/default-directory';
import { questionnaire } from '../../shared/questionnaire/definition';
import type { SessionRecord } from '../../shared/session/record';
import { completedRecord } from '../fixtures/records';

function failing(code: string) {
  return Object.assign(new Error(code), { code });
}

describe('pending sessions (injected errors)', () => {
  it('keeps a visit the disk refused, and writes it with its own day once space returns', () => {
    const written: { record: SessionRecord; when: Date }[] = [];
    let full = true;
    const pending = createPendingSessions((record, when) => {
      if (full) throw failing('SQLITE_FULL');
      written.push({ record, when });
    });
    const monday = new Date('2026-11-23T10:00:00');
    expect(() => pending.save(completedRecord({ durationS: 100 }), monday)).toThrow('SQLITE_FULL');
    expect(() => pending.save(completedRecord({ durationS: 200 }), new Date('2026-11-24T10:00:00'))).toThrow();
    expect(pending.count()).toBe(2);
    expect(pending.lastError()).toBe('storageFull');

    full = false;
    expect(pending.flush()).toBe(2);
    expect(pending.count()).toBe(0);
    expect(pending.lastError()).toBeNull();
    expect(written.map((w) => w.record.durationS)).toEqual([100, 200]);
    expect(written[0]?.when).toEqual(monday);
  });

  it('writes waiting visits first, in order, when the next save succeeds', () => {
    const order: number[] = [];
    let readOnly = true;
    const pending = createPendingSessions((record) => {
      if (readOnly) throw failing('EROFS');
      order.push(record.durationS);
    });
    expect(() => pending.save(completedRecord({ durationS: 1 }), new Date())).toThrow();
    expect(pending.lastError()).toBe('storageReadOnly');
    readOnly = false;
    pending.save(completedRecord({ durationS: 2 }), new Date());
    expect(order).toEqual([1, 2]);
  });

  it('does not hold back errors that are not about storage', () => {
    const pending = createPendingSessions(() => {
      throw failing('INVALID_SESSION');
    });
    expect(() => pending.save(completedRecord(), new Date())).toThrow('INVALID_SESSION');
    expect(pending.count()).toBe(0);
  });
});

/** Mounts a tmpfs of `size` if this machine lets us (root on Linux); null otherwise. */
function mountSmallDisk(size: string): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'reperes-smalldisk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted) {
    try {
      execFileSync('umount', [dir], { stdio: 'ignore' });
    } catch {
      /* already gone */
    }
  }
});

describe('pending sessions on a real full disk', () => {
  it('a kiosk whose disk fills up keeps its stored sessions intact and saves the waiting ones when space returns', () => {
    // Large enough for the WAL to grow to its checkpoint size (1000 pages) once space returns.
    const disk = mountSmallDisk('8m');
    let dir: string;
    if (disk) {
      mounted.push(disk);
      dir = disk;
    } else {
      // No small filesystem here: the injected-error tests above stand in for this one.
      dir = mkdtempSync(join(tmpdir(), 'reperes-nodisk-'));
    }
    mkdirSync(dir, { recursive: true });
    const db = openDatabase(join(dir, 'reperes-kiosk.db'));
    const repo = createSessionRepository(db, questionnaire, () => DEFAULT_DIRECTORY);
    const pending = createPendingSessions((record, when) => repo.save(record, when));
    for (let i = 0; i < 20; i++) pending.save(completedRecord(), new Date());
    expect(repo.count()).toBe(20);
    if (!disk) {
      db.close();
      return;
    }

    // Fill the disk to the last byte.
    const filler = join(dir, 'filler.bin');
    let size = 8 * 1024 * 1024;
    while (size >= 512) {
      try {
        writeFileSync(filler, Buffer.alloc(size), { flag: 'a' });
      } catch {
        size = Math.floor(size / 2);
      }
    }
    let refused = 0;
    for (let i = 0; i < 50; i++) {
      try {
        pending.save(completedRecord({ durationS: 1000 + i }), new Date());
      } catch (error) {
        refused++;
        expect((error as { code?: string }).code).toMatch(/SQLITE_FULL|ENOSPC|SQLITE_IOERR/);
      }
    }
    expect(refused).toBeGreaterThan(0);
    const waiting = pending.count();
    expect(waiting).toBe(refused);

    rmSync(filler);
    expect(pending.flush()).toBe(waiting);
    expect(repo.count()).toBe(70);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
