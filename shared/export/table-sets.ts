/**
 * Table sets by questionnaire version, and the one rule for adding tables of several versions
 * (docs/export-format.md §4.3).
 *
 * A bundle holds the table set of its questionnaire's major version (`tableSetFor`). Tables of
 * one version always add up. Across versions, a table is summed only where this build's
 * declaration says the older version counts the same thing (`comparableWith`); otherwise the
 * newest version present is used alone, and the left-out versions are reported so that a
 * screen can say so. A version 1 that is alone is read as it is (through `upgradeV1Tables`,
 * which only reshapes what is exact).
 */
import { TABLES, TABLE_SET_VERSION, addTablesOf, majorOf, type TableDeclaration, type TableShape, type Tables } from './tables';
import { V1_TABLES, upgradeV1Tables } from './tables-v1';

/** Every table set this build reads, by questionnaire major version. */
export const TABLE_SETS: Readonly<Record<string, readonly TableDeclaration[]>> = {
  '1': V1_TABLES,
  [TABLE_SET_VERSION]: TABLES,
};

/** The table set of a questionnaire version, or undefined for a version this build does not know. */
export function tableSetFor(questionnaireVersion: string): readonly TableDeclaration[] | undefined {
  const major = majorOf(questionnaireVersion);
  return Object.hasOwn(TABLE_SETS, major) ? TABLE_SETS[major] : undefined;
}

/** Tables of one version in this build's shapes (a no-op for this build's own version). */
function inCurrentShapes(major: string, tables: Tables): Tables {
  if (major === TABLE_SET_VERSION) return tables;
  if (major === '1') return upgradeV1Tables(tables);
  return {};
}

/** The versions whose table `id` may be summed together, newest first. */
export function comparableVersions(declaration: Pick<TableDeclaration, 'comparableWith'>): string[] {
  return [TABLE_SET_VERSION, ...declaration.comparableWith];
}

export interface VersionedTables {
  /** The questionnaire version of these tables (full, e.g. "2.0.0"; its major decides). */
  version: string;
  tables: Tables;
}

export interface CombinedTables {
  /** This build's tables, each summed over the versions it may be summed over. */
  tables: Tables;
  /** Per table: the questionnaire major versions summed into it. */
  versions: Record<string, string[]>;
  /** Per table: versions present in the selection but not summed (not comparable). */
  leftOut: Record<string, string[]>;
}

const byNewest = (a: string, b: string) => Number(b) - Number(a) || (a < b ? 1 : -1);

/**
 * Adds tables of several questionnaire versions, never summing a table across versions
 * unless its declaration says it is comparable. For each table, the newest version present
 * is the reference; older versions are added only if the table is comparable with them, and
 * listed in `leftOut` otherwise. Versions this build does not know are left out of every table.
 */
export function combineVersions(parts: readonly VersionedTables[], shapes: readonly (TableShape & Pick<TableDeclaration, 'comparableWith'>)[] = TABLES): CombinedTables {
  const known = parts.filter((p) => tableSetFor(p.version) !== undefined);
  const unknown = [...new Set(parts.filter((p) => tableSetFor(p.version) === undefined).map((p) => majorOf(p.version)))];
  const reshaped = known.map((p) => ({ major: majorOf(p.version), tables: inCurrentShapes(majorOf(p.version), p.tables) }));
  const tables: Tables = {};
  const versions: Record<string, string[]> = {};
  const leftOut: Record<string, string[]> = {};
  for (const shape of shapes) {
    // Versions that actually hold this table.
    const holding = reshaped.filter((p) => p.tables[shape.id] !== undefined);
    const present = [...new Set(holding.map((p) => p.major))].sort(byNewest);
    const reference = present[0];
    const comparable = comparableVersions(shape);
    const summed = reference === undefined ? [] : comparable.includes(reference) ? present.filter((v) => comparable.includes(v)) : [reference];
    tables[shape.id] = (addTablesOf([shape], holding.filter((p) => summed.includes(p.major)).map((p) => p.tables))[shape.id]) as Tables[string];
    versions[shape.id] = summed;
    const out = [...present.filter((v) => !summed.includes(v)), ...unknown];
    if (out.length > 0) leftOut[shape.id] = out;
  }
  return { tables, versions, leftOut };
}
