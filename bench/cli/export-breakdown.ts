/**
 * Where the time of `reperes export` goes over a large kiosk database (README, "Targets
 * missed"): the same reads the export makes, cut into parts, each timed alone.
 *
 *   npx tsx bench/cli/export-breakdown.ts bench/.cache/kiosk-seed1-n1000000-base50000.db
 *
 * (The database is the one `npm run bench` makes and caches.) Read-only.
 */
import Database from 'better-sqlite3';

const COLUMNS = 'id, day, questionnaire_id, questionnaire_version, questionnaire_hash, language, status, last_step, answers, exercises, scores, recommendations';
const ANSWER_KEYS = ['ageBand', 'commune', 'accompanied', 'taskUnlock', 'taskWifi', 'taskBrowser', 'taskPassword', 'taskEmail', 'taskVideoCall', 'taskProcedure', 'taskAppointment', 'wantsToLearn', 'barriers'];

function timed(label: string, work: () => number): void {
  const started = performance.now();
  const rows = work();
  process.stdout.write(`${label}: ${((performance.now() - started) / 1000).toFixed(2)} s (${rows} rows)\n`);
}

function main(file: string | undefined): number {
  if (!file) {
    process.stderr.write('usage: npx tsx bench/cli/export-breakdown.ts <kiosk.db>\n');
    return 2;
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string, each: (row: unknown[]) => void = () => undefined) => () => {
      let n = 0;
      for (const row of db.prepare(sql).raw(true).iterate(0) as IterableIterator<unknown[]>) {
        each(row);
        n += 1;
      }
      return n;
    };
    // Once unmeasured, so that every part reads the file from the page cache, as the bench does.
    db.prepare('SELECT substr(day, 1, 7), status, count(*) FROM sessions GROUP BY 1, 2').all();
    timed('floor: GROUP BY month, status in SQLite', () => db.prepare('SELECT substr(day, 1, 7), status, count(*) FROM sessions GROUP BY 1, 2').all().length);
    timed('read the ids only', count('SELECT id FROM sessions WHERE id > ? ORDER BY id'));
    timed('read the 12 columns the export reads', count(`SELECT ${COLUMNS} FROM sessions WHERE id > ? ORDER BY id`));
    timed(
      'read them and JSON.parse answers and scores',
      count(`SELECT ${COLUMNS} FROM sessions WHERE id > ? ORDER BY id`, (row) => {
        JSON.parse(row[8] as string);
        JSON.parse(row[10] as string);
      }),
    );
    const paths = ANSWER_KEYS.map((key) => `'$.${key}'`).join(', ');
    timed(
      'read with the fields extracted in SQL (json_extract) instead',
      count(`SELECT id, day, questionnaire_id, questionnaire_version, questionnaire_hash, language, status, last_step,
        json_extract(answers, ${paths}), exercises,
        json_extract(scores, '$.dsi.category', '$.dsi.areas', '$.illectronisme', '$.autonomy.profile', '$.mismatch'),
        recommendations FROM sessions WHERE id > ? ORDER BY id`),
    );
  } finally {
    db.close();
  }
  return 0;
}

process.exitCode = main(process.argv[2]);
