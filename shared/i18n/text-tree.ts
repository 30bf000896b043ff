/**
 * Text trees (one i18next namespace per language) and the two things done with them: merging
 * the files of one language, and flattening to dotted keys. Commune names are proper nouns
 * taken from the generated commune list and added to every language under `commune.<INSEE code>`.
 */
import communes from '../questionnaire/communes.generated.json';

export type TextTree = { [key: string]: string | TextTree };

export const communeNames: TextTree = { commune: Object.fromEntries(communes.map((c) => [c.code, c.name])) };

export function mergeTexts(...trees: TextTree[]): TextTree {
  const out: TextTree = {};
  for (const tree of trees) {
    for (const [key, value] of Object.entries(tree)) {
      const existing = out[key];
      if (typeof value === 'object' && typeof existing === 'object') out[key] = mergeTexts(existing, value);
      else if (existing !== undefined) throw new Error(`text key ${key} is defined twice`);
      else out[key] = value;
    }
  }
  return out;
}

/** Flattens a text tree to dotted keys, for tests, hashing and the audio manifest. */
export function flattenTexts(tree: TextTree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else Object.assign(out, flattenTexts(value, path));
  }
  return out;
}

/**
 * The text at a dotted key, found by walking the tree: what `flattenTexts(tree)[key]` gives,
 * without flattening every text of the language (the kiosk looks up a few hundred keys at
 * start, out of thousands).
 */
export function textAt(tree: TextTree, key: string): string | undefined {
  let node: string | TextTree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = Object.prototype.hasOwnProperty.call(node, part) ? node[part] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}
