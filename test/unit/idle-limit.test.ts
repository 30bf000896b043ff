/**
 * The privacy screen's promise about the time limit is exact (issue 19): it used to round the
 * 90 s idle delay to "2 minutes", which was neither when the kiosk asks nor when it erases.
 * It now states the delay before everything is erased (idle + warning), in minutes only when
 * that is a whole number of minutes. The mediators' guide quotes the same defaults and labels.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../electron/services/settings';
import { idleLimitText } from '../../shared/i18n/idle-limit';
import { TEXTS, flattenTexts } from '../../shared/i18n/resources';

describe('idleLimitText', () => {
  it('says the default 90 s + 30 s as 2 minutes', () => {
    const { idleDelayS, warningDelayS } = defaultSettings();
    expect(idleLimitText(idleDelayS, warningDelayS)).toEqual({ key: 'privacy.idleLimit', count: 2 });
  });

  it('never rounds: a total that is not whole minutes is said in seconds', () => {
    expect(idleLimitText(100, 30)).toEqual({ key: 'privacy.idleLimitSeconds', count: 130 });
    expect(idleLimitText(30, 20)).toEqual({ key: 'privacy.idleLimitSeconds', count: 50 });
    expect(idleLimitText(570, 30)).toEqual({ key: 'privacy.idleLimit', count: 10 });
  });
});

describe('the mediators\u2019 guide', () => {
  const guide = readFileSync(resolve(import.meta.dirname, '../../docs/guide-mediateurs.md'), 'utf8').replace(/\s+/g, ' ');
  const fr = flattenTexts(TEXTS.fr!);

  it('quotes the default delays and the quit button as the kiosk has them', () => {
    const { idleDelayS, warningDelayS } = defaultSettings();
    expect(guide).toContain(`(${idleDelayS} secondes par défaut)`);
    expect(guide).toContain(`(${(idleDelayS + warningDelayS) / 60} minutes par défaut : ${idleDelayS} secondes, puis ${warningDelayS} secondes d'avertissement)`);
    expect(guide).toContain(`**« ${fr['nav.quit']} »** met fin à la séance`);
  });
});
