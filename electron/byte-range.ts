/**
 * The `Range` header of a request for one of the kiosk's files (RFC 9110 §14). Media elements
 * ask for `bytes=N-` to play and to seek; without an answer in kind, Chromium cannot seek
 * outside what it has buffered and jumps back to 0 (docs/electron-behaviours.md).
 *
 * Only one range is served: a media element never asks for more, and a server may answer a
 * multi-range request with the whole file. Anything that is not exactly one valid byte range
 * is ignored the same way (§14.2). Pure, so it is tested on its own.
 */

export type ByteRange =
  /** No usable Range header: send the whole file. */
  | { kind: 'whole' }
  /** Bytes `first`…`last`, both included. */
  | { kind: 'partial'; first: number; last: number }
  /** A valid range that starts past the end of the file: 416. */
  | { kind: 'unsatisfiable' };

const SINGLE_BYTE_RANGE = /^bytes=(\d*)-(\d*)$/i;

export function parseByteRange(header: string | null, size: number): ByteRange {
  if (header === null) return { kind: 'whole' };
  const match = SINGLE_BYTE_RANGE.exec(header.trim());
  if (!match) return { kind: 'whole' };
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return { kind: 'whole' };
  if (from === '') {
    // bytes=-N: the last N bytes (all of them if the file is shorter).
    const length = Number(to);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', first: Math.max(0, size - length), last: size - 1 };
  }
  // bytes=N- (to the end) or bytes=N-M; M < N makes the header invalid, so it is ignored.
  const first = Number(from);
  const last = to === '' ? Number.POSITIVE_INFINITY : Number(to);
  if (!Number.isSafeInteger(first) || last < first) return { kind: 'whole' };
  if (first >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', first, last: Math.min(last, size - 1) };
}
