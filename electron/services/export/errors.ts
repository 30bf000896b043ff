/**
 * What went wrong with an export, in words staff can act on: the stick is full, read-only,
 * was pulled out, or refuses access. Codes from Node's file system calls (errno names).
 */
import type { ExportFailure } from '../../../shared/staff/types';

export function classifyExportError(error: unknown): ExportFailure {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return 'noSpace';
    case 'EROFS':
      return 'readOnly';
    // The folder vanished (stick pulled out) or the device stopped answering mid-write.
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
    case 'EIO':
    case 'ENOTDIR':
    case 'ESTALE':
      return 'mediaRemoved';
    case 'EACCES':
    case 'EPERM':
      return 'noPermission';
    case 'EXPORT_READ_BACK':
    case 'EXPORT_VERIFY':
      return 'verifyFailed';
    default:
      return 'writeFailed';
  }
}
