/**
 * The staff area's words. Staff texts exist in French and English only (staff.* in
 * fr/ui.json and en/ui.json): the area follows the kiosk's language when it is English and
 * speaks French otherwise, and its root carries the matching `lang` and `dir="ltr"`.
 */
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { codeLabel, dimensionLabel } from '../../../shared/export/labels';
import type { DashboardDimension } from '../../../shared/staff/types';

export type StaffLanguage = 'fr' | 'en';

export function useStaffText(): { t: TFunction; lng: StaffLanguage } {
  const { i18n } = useTranslation();
  const lng: StaffLanguage = i18n.language === 'en' ? 'en' : 'fr';
  const t = useMemo(() => i18n.getFixedT(lng), [i18n, lng]);
  return { t, lng };
}

function lookup(t: TFunction) {
  return (key: string): string | undefined => (t(key, { defaultValue: '' }) as string) || undefined;
}

/** Words for a dashboard code, including the dashboard's own dimensions (section, total, share). */
export function staffCodeLabel(t: TFunction, lng: StaffLanguage, dimension: DashboardDimension, code: string): string {
  switch (dimension) {
    case 'section':
      return code === 'privacy' ? t('staff.code.step.privacy') : t(`section.${code}.title`);
    case 'total':
      return t('staff.dashboard.sessions');
    case 'share':
      return t('staff.dashboard.share');
    default:
      return codeLabel(dimension, code, lookup(t));
  }
}

export function staffDimensionLabel(t: TFunction, dimension: DashboardDimension): string {
  switch (dimension) {
    case 'section':
    case 'total':
    case 'share':
      return t(`staff.dashboard.dimension.${dimension}`);
    default:
      return dimensionLabel(dimension, lookup(t));
  }
}

export function formatBytes(bytes: number, lng: StaffLanguage): string {
  const units = lng === 'en' ? ['B', 'kB', 'MB', 'GB', 'TB'] : ['o', 'ko', 'Mo', 'Go', 'To'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toLocaleString(lng === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

export function formatDay(day: string, lng: StaffLanguage): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).toLocaleDateString(lng === 'en' ? 'en-GB' : 'fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
}
