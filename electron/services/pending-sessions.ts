/**
 * Sessions that could not be written (full or read-only disk) wait here, in memory, and are
 * written as soon as the disk accepts writes again: at the next save or on a periodic retry.
 * The citizen's flow never waits for the disk. The day is fixed when the visit ends, not
 * when the write finally succeeds, so a late write does not move a visit to another day.
 */
import { classifyError } from './dispatch';
import type { SessionRecord } from '../../shared/session/record';

export interface PendingSave {
  record: SessionRecord;
  when: Date;
}

export interface PendingSessions {
  /** Saves now if possible; otherwise keeps the session and rethrows the storage error. */
  save(record: SessionRecord, when: Date): void;
  /** Writes what is waiting; returns how many were written. */
  flush(): number;
  count(): number;
  lastError(): 'storageFull' | 'storageReadOnly' | null;
}

/** At most this many visits wait in memory: a kiosk sees a few dozen people a day. */
export const MAX_PENDING = 500;

export function createPendingSessions(write: (record: SessionRecord, when: Date) => void): PendingSessions {
  const queue: PendingSave[] = [];
  let last: 'storageFull' | 'storageReadOnly' | null = null;

  function isStorageError(error: unknown): 'storageFull' | 'storageReadOnly' | null {
    const code = classifyError(error);
    return code === 'storageFull' || code === 'storageReadOnly' ? code : null;
  }

  function flush(): number {
    let written = 0;
    while (queue.length > 0) {
      const next = queue[0] as PendingSave;
      try {
        write(next.record, next.when);
      } catch (error) {
        const storage = isStorageError(error);
        if (storage) {
          last = storage;
          return written;
        }
        // A record the repository refuses will never succeed: drop it rather than block the
        // queue (it was validated when it arrived, so this only happens after an upgrade).
      }
      queue.shift();
      written++;
    }
    last = null;
    return written;
  }

  return {
    save(record, when) {
      flush();
      if (queue.length > 0) {
        // The disk is still refusing writes: keep this one too, in order.
        if (queue.length < MAX_PENDING) queue.push({ record, when });
        throw Object.assign(new Error('storage unavailable, session kept in memory'), { code: last === 'storageReadOnly' ? 'EROFS' : 'ENOSPC' });
      }
      try {
        write(record, when);
        last = null;
      } catch (error) {
        const storage = isStorageError(error);
        if (!storage) throw error;
        last = storage;
        if (queue.length < MAX_PENDING) queue.push({ record, when });
        throw error;
      }
    },
    flush,
    count: () => queue.length,
    lastError: () => last,
  };
}
