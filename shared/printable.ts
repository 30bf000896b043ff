/**
 * Text from outside (a file name, a site name typed on a kiosk, a detail quoting a file's
 * content) made safe to print: control characters would let a file drive the analyst's
 * terminal (ANSI escape sequences: colours, cursor moves, a title change, a fake "OK" line),
 * and bidirectional overrides would make a line read differently from what it holds. Each such
 * character is shown as a visible escape instead (`\x1b`, `\u202e`), so nothing is hidden and
 * nothing acts.
 */

/**
 * C0 controls, DEL, C1 controls, the Arabic letter mark, the left-to-right / right-to-left
 * marks and embeddings, overrides and isolates, line and paragraph separators, the byte order
 * mark, and lone surrogates.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this regex's whole purpose
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escape(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Every unsafe character of `text` as a visible escape (line breaks included). */
export function printable(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** The same, keeping line breaks: for a whole block of output whose values are already escaped. */
export function printableBlock(text: string): string {
  return text.replace(UNSAFE, (char) => (char === '\n' ? char : escape(char)));
}
