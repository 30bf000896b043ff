/**
 * Web addresses inside a sentence, cut out so the screen can isolate them left to right
 * (`<bdi dir="ltr">`): in an Arabic or Dari sentence, "colis-livr4ison.info" would otherwise
 * be drawn "-colis / livr4ison.info" by the bidirectional algorithm (issue 17).
 */

/** A domain with at least one dot and a letter ending, with an optional scheme and path. */
const ADDRESS = /(?:https?:\/\/)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:\/[^\s]*)?/gi;

export interface TextPart {
  text: string;
  /** A web address, to be shown left to right. */
  address: boolean;
}

export function splitAddresses(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start), address: false });
    parts.push({ text: match[0], address: true });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), address: false });
  return parts;
}
