/**
 * Illectronisme of the kiosks' visitors beside France's: the crude share and the share
 * directly standardised to the age structure of France's population aged 15 or over, each
 * with its 95 % interval (shared/analyst/rates.ts). Computed from the protected panel only:
 * a band hidden by the disclosure control makes the standardised share secret too, a band
 * without any visit makes it unavailable ("nd"), never a guess.
 *
 * The crude share counts every visit whose situation is known, the "not given" age row
 * included; the standardised one can only use the visits whose age band is known.
 */
import { FRANCE_15_PLUS_2021, type StandardPopulation } from './references';
import { standardised, wilson, type Interval } from './rates';
import type { PanelTable } from './types';
import { shareOf } from './disclosure';

/** A published share: `share` is the percent with one decimal as every file writes it (absent: from the interval). */
export type Figure = { status: 'ok'; interval: Interval; share?: number } | { status: 'secret' } | { status: 'unavailable' };

export interface IllectronismeComparison {
  crude: Figure;
  standardised: Figure;
  standard: StandardPopulation;
}

function crudeOf(yes: number | null | undefined, no: number | null | undefined): Figure {
  if (yes === null || yes === undefined || no === null || no === undefined) return { status: 'secret' };
  if (yes + no === 0) return { status: 'unavailable' };
  return { status: 'ok', interval: wilson(yes, yes + no), share: shareOf(yes, yes + no) ?? undefined };
}

/** From the illectronisme panel's table (rows: age bands; columns YES, NO, unknown). */
export function illectronismeComparison(table: PanelTable, standard: StandardPopulation = FRANCE_15_PLUS_2021): IllectronismeComparison {
  const crude = crudeOf(table.columnTotals[0], table.columnTotals[1]);
  const strata: { x: number; n: number; weight: number }[] = [];
  let status: 'ok' | 'secret' | 'unavailable' = 'ok';
  for (const [band, weight] of Object.entries(standard.byAgeBand)) {
    const i = table.rows.codes.indexOf(band);
    const row = i >= 0 ? table.cells[i] : undefined;
    const yes = row?.[0];
    const no = row?.[1];
    if (i < 0) status = status === 'secret' ? status : 'unavailable';
    else if (yes === null || yes === undefined || no === null || no === undefined) status = 'secret';
    else if (yes + no === 0 && status === 'ok') status = 'unavailable';
    else strata.push({ x: yes, n: yes + no, weight });
  }
  const interval = status === 'ok' ? standardised(strata) : null;
  return { crude, standardised: interval ? { status: 'ok', interval } : { status: status === 'ok' ? 'unavailable' : status }, standard };
}
