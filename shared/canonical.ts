/**
 * Canonical JSON: object keys sorted (by UTF-16 code units), no whitespace, so that the same
 * content always serialises to the same bytes. Used for content hashes (questionnaire, export
 * bundles); a bundle's signature covers these bytes, so they must never change for a given
 * content (test/unit/canonical-json.test.ts compares with the plain recursive definition).
 *
 * How: one JavaScript pass copies the value into plain objects whose keys are inserted in
 * sorted order, then the engine's own `JSON.stringify` writes it. Building the text in
 * JavaScript, string by string, took 80 ms for a 200 kB bundle in a fresh process (an export
 * hashes it twice); the copy and the native writer take a few. One exception: an object with
 * an array-index key ("0", "42") cannot keep an inserted order (engines enumerate such keys
 * first, in numeric order), nor a plain object a "__proto__" member: those are written by hand.
 */
export function canonicalJson(value: unknown): string {
  const sorted = sortedCopy(value);
  return sorted instanceof HandWritten ? sorted.text : JSON.stringify(sorted);
}

/** Text already canonical, for the rare object whose key order the engine would not keep. */
class HandWritten {
  constructor(readonly text: string) {}
  toJSON(): never {
    // Never reached: sortedCopy writes the whole enclosing value by hand instead.
    throw new Error('canonicalJson: internal error');
  }
}

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * Keys a plain object cannot hold in inserted order: array indices, and "__proto__" (an own
 * member after JSON.parse, but assigning it would set the prototype). A prototype-less object
 * would take it, but the engine's JSON writer is several times slower on those.
 */
function needsHandWriting(key: string): boolean {
  return key === '__proto__' || (ARRAY_INDEX.test(key) && Number(key) < 4294967295);
}

function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonicalJson: non-finite number');
    return value;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    let handWritten = false;
    for (let i = 0; i < value.length; i++) {
      out[i] = sortedCopy(value[i]);
      if (out[i] instanceof HandWritten) handWritten = true;
    }
    return handWritten ? new HandWritten(`[${out.map(textOf).join(',')}]`) : out;
  }
  if (typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const keys = Object.keys(source).filter((k) => source[k] !== undefined);
    keys.sort();
    let handWritten = false;
    const copies: unknown[] = new Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      copies[i] = sortedCopy(source[keys[i]!]);
      if (copies[i] instanceof HandWritten || needsHandWriting(keys[i]!)) handWritten = true;
    }
    if (handWritten) return new HandWritten(`{${keys.map((k, i) => `${JSON.stringify(k)}:${textOf(copies[i])}`).join(',')}}`);
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) out[keys[i]!] = copies[i];
    return out;
  }
  throw new Error(`canonicalJson: cannot serialise ${typeof value}`);
}

function textOf(copy: unknown): string {
  return copy instanceof HandWritten ? copy.text : JSON.stringify(copy);
}
