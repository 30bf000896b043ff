/**
 * How the commune screen offers 55 communes to someone who listens rather than reads: the
 * commune where most visitors live first (Cambrai, the most populous), then the others in
 * groups of whole first letters, small enough to be heard in one go. A listener hears the
 * first choice, "J'habite ailleurs" and "Je ne sais pas" within seconds, then a handful of
 * groups, and only the group they pick is read name by name.
 */
import communes from './communes.generated.json';

export const COMMUNE_GROUP_MAX = 9;

export interface CommuneGroups {
  /** The option codes offered first (the most populous commune). */
  first: string[];
  /** The other communes' option codes, in alphabetical order, cut into groups. */
  groups: string[][];
}

interface Commune {
  code: string;
  name: string;
  population: number;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base' });
const initial = (name: string) => name.normalize('NFD').charAt(0).toUpperCase();

/**
 * Greedy by first letter: a letter is not split (someone looking for "B" finds one group)
 * unless it alone has more than `max` names; a group takes the next letter while it stays
 * within `max` names.
 */
export function communeGroups(list: readonly Commune[] = communes, max = COMMUNE_GROUP_MAX): CommuneGroups {
  const biggest = [...list].sort((a, b) => b.population - a.population)[0];
  const rest = list.filter((c) => c !== biggest).sort((a, b) => collator.compare(a.name, b.name));
  const letters: Commune[][] = [];
  for (const commune of rest) {
    const last = letters.at(-1);
    if (last && initial(last[0]!.name) === initial(commune.name)) last.push(commune);
    else letters.push([commune]);
  }
  const groups: Commune[][] = [];
  for (const letter of letters) {
    const last = groups.at(-1);
    if (last && last.length + letter.length <= max) last.push(...letter);
    // A letter with more names than a group holds is the only one cut, into full groups.
    else for (let i = 0; i < letter.length; i += max) groups.push(letter.slice(i, i + max));
  }
  const code = (c: Commune) => `C${c.code}`;
  return { first: biggest ? [code(biggest)] : [], groups: groups.map((g) => g.map(code)) };
}
