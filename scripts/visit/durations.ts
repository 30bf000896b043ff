/**
 * Seconds of each audio file of a language, read from the files themselves: the manifest does
 * not store durations. An Ogg Opus file's length is the granule position of its last page
 * (48 kHz samples) minus the pre-skip of its OpusHead header (RFC 7845).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AudioManifest } from '../../shared/i18n/spoken-keys';
import { PLURAL_SAMPLES } from '../../shared/i18n/spoken-keys';
import { htmlLangOf, type Language } from '../../shared/i18n/languages';
import type { Durations } from './length';

export function opusSeconds(bytes: Buffer): number {
  const head = bytes.indexOf('OpusHead');
  const last = bytes.lastIndexOf('OggS');
  if (head < 0 || last < 0) throw new Error('not an Ogg Opus file');
  const preSkip = bytes.readUInt16LE(head + 10);
  const granule = Number(bytes.readBigInt64LE(last + 6));
  return (granule - preSkip) / 48_000;
}

/** The durations of one language's files, plural texts also under their base key (the count the kiosk shows by default). */
export function languageDurations(audioDir: string, language: Language): Durations {
  const dir = join(audioDir, language);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as AudioManifest;
  const out: Record<string, number> = {};
  for (const [key, entry] of Object.entries(manifest)) {
    const duration = opusSeconds(readFileSync(join(dir, entry.file)));
    out[key] = duration;
  }
  const rules = new Intl.PluralRules(htmlLangOf(language));
  for (const [base, count] of Object.entries(PLURAL_SAMPLES)) {
    const form = out[`${base}_${rules.select(count)}`];
    if (form !== undefined) out[base] = form;
  }
  return out;
}
