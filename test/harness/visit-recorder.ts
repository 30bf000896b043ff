/**
 * The kiosk keeps no visit, only counts; tests that follow one visit through the screens
 * still need to see what the kiosk derived from it. This wraps the services' save (test code
 * only) and records, for each visit the kiosk counted, the facts the tables were counted from
 * (`visitFacts`: pruned answers, scores, next steps), in memory.
 */
import type { KioskServices } from '../../electron/services/kiosk';
import { visitFacts } from '../../electron/services/sessions';
import type { SessionFacts } from '../../shared/export/tables';
import { currentQuestionnaire } from '../../shared/questionnaire/current';

export function recordVisits(services: Pick<KioskServices, 'sessions' | 'settings'>): SessionFacts[] {
  const visits: SessionFacts[] = [];
  const save = services.sessions.save.bind(services.sessions);
  services.sessions.save = (record, when = new Date()) => {
    save(record, when);
    visits.push(visitFacts(record, currentQuestionnaire.definition, services.settings.get().directory, when));
  };
  return visits;
}
