/**
 * Regenerates assets/pictograms/: copies the OpenMoji colour SVGs the kiosk needs from the
 * `openmoji` devDependency and writes assets/pictograms/manifest.json ({ id: { hexcode,
 * annotation } }). Run with `npx tsx scripts/pictograms.ts` after changing the table below,
 * adding a pictogram to shared/questionnaire/definition.ts or upgrading `openmoji`.
 *
 * The SVGs are copied byte for byte (no change to the licensed work) and committed; the
 * package is only needed to regenerate. Licence: CC BY-SA 4.0, see assets/pictograms/LICENSE.md.
 *
 * Choice rules: clear, adult, non-childish pictures; no flags; no faces on negative answers
 * ('no' is a plain grey cross, not a red one or a "prohibited" sign); gender-neutral people.
 * `next`/`back` are plain arrows: the renderer mirrors them in right-to-left languages.
 * Ids are stable names used by the questionnaire and the UI; the hexcode can change freely.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { questionnaire } from '../shared/questionnaire/definition';

/** Pictograms referenced by the questionnaire definition (media.pictogram). */
export const QUESTIONNAIRE_PICTOGRAMS: Record<string, string> = {
  accessibility: '267F', // ♿ wheelchair symbol (international symbol of access)
  age: '1F382', // 🎂 birthday cake
  'age-young': '1F9D1-200D-1F393', // 🧑‍🎓 student
  'age-adult': '1F9D1', // 🧑 person
  'age-middle': '1F9D1-200D-1F4BC', // 🧑‍💼 office worker (40–59: working age)
  'age-senior': '1F9D1-200D-1F9B3', // 🧑‍🦳 person: white hair (60–74)
  'age-older': '1F9D3', // 🧓 older person (75 and over)
  ballot: '1F5F3', // 🗳️ ballot box with ballot
  bank: '1F3E6', // 🏦 bank
  barrier: '1F6A7', // 🚧 construction (barrier)
  briefcase: '1F4BC', // 💼 briefcase
  broken: '1F4A5', // 💥 collision
  calendar: '1F4C5', // 📅 calendar
  'calendar-day': '1F4C6', // 📆 tear-off calendar
  'calendar-week': '1F5D3', // 🗓️ spiral calendar (week grid)
  camera: '1F4F7', // 📷 camera
  chart: '1F4CA', // 📊 bar chart
  clock: '1F552', // 🕒 three o'clock
  code: 'E1C1', // OpenMoji extra: code editor (</> window)
  computer: '1F4BB', // 💻 laptop
  document: '1F4C3', // 📃 page with curl (a page of text)
  download: '1F4E5', // 📥 inbox tray (arrow into a tray)
  email: '2709', // ✉️ envelope
  family: '1F9D1-200D-1F9D1-200D-1F9D2', // 🧑‍🧑‍🧒 family: adult, adult, child
  folder: '1F4C1', // 📁 file folder
  globe: '1F310', // 🌐 globe with meridians
  graduation: '1F393', // 🎓 graduation cap
  'hand-stop': '270B', // ✋ raised hand
  'hand-tap': 'E100', // OpenMoji extra: tap (finger touching a screen)
  health: '1FA7A', // 🩺 stethoscope
  home: '1F3E0', // 🏠 house
  key: '1F511', // 🔑 key
  keyboard: '2328', // ⌨️ keyboard
  languages: '1F5E3', // 🗣️ speaking head
  'light-bulb': '1F4A1', // 💡 light bulb
  location: 'E0A9', // OpenMoji extra: location indicator red (map pin)
  lock: '1F512', // 🔒 locked
  magnifier: '1F50D', // 🔍 magnifying glass tilted left
  map: '1F5FA', // 🗺️ world map
  mediator: '1F9D1-200D-1F3EB', // 🧑‍🏫 teacher
  megaphone: '1F4E3', // 📣 megaphone
  money: '1F4B6', // 💶 euro banknote
  newspaper: '1F4F0', // 📰 newspaper
  no: '2716', // ✖️ multiply (plain grey cross: neutral, not a red "wrong")
  pencil: '270F', // ✏️ pencil
  people: '1F465', // 👥 busts in silhouette
  'people-helping': '1F91D', // 🤝 handshake
  person: '1F464', // 👤 bust in silhouette
  'person-alone': '1F9CD', // 🧍 person standing
  presentation: '1F4D1', // 📑 bookmark tabs (a document made of several parts)
  scroll: 'E109', // OpenMoji extra: swipe up (scrolling with a finger, not a parchment)
  settings: '2699', // ⚙️ gear
  shield: '1F6E1', // 🛡️ shield
  shopping: '1F6D2', // 🛒 shopping cart
  smartphone: '1F4F1', // 📱 mobile phone
  speech: 'E248', // OpenMoji extra: chats (two speech bubbles; OpenMoji's 💬 reads as a thought)
  table: '1F5D2', // 🗒️ spiral notepad (a ruled grid, reads as a table)
  tools: '1F6E0', // 🛠️ hammer and wrench
  unlock: '1F513', // 🔓 unlocked
  'video-call': '1F4F9', // 📹 video camera
  warning: '26A0', // ⚠️ warning
  wifi: 'E254', // OpenMoji extra: wifi
  yes: '2714', // ✔️ check mark
};

/** Pictograms of the kiosk's own interface (buttons, screens). */
export const UI_PICTOGRAMS: Record<string, string> = {
  attract: '1F44B', // 👋 waving hand
  back: '2B05', // ⬅️ left arrow
  check: '2705', // ✅ check mark button
  contrast: '25D1', // ◑ circle with right half black
  down: '2B07', // ⬇️ down arrow ("more answers below")
  help: '1F64B', // 🙋 person raising hand
  idle: '23F3', // ⏳ hourglass not done
  language: 'E246', // OpenMoji extra: people dialogue (two people talking; 🌐 is taken by 'globe')
  listen: '1F50A', // 🔊 speaker high volume
  next: '27A1', // ➡️ right arrow
  print: '1F5A8', // 🖨️ printer
  privacy: 'E247', // OpenMoji extra: safety (shield with a tick)
  qr: 'E1D8', // OpenMoji extra: qr code
  star: '2B50', // ⭐ star
  'text-size': '1F520', // 🔠 input latin uppercase
  thanks: '1FAF6', // 🫶 heart hands
  'thumbs-up': '1F44D', // 👍 thumbs up
  volume: '1F509', // 🔉 speaker medium volume
};

type OpenMojiEntry = { hexcode: string; annotation: string };

/** Every pictogram id the questionnaire definition uses (sections, questions, options). */
export function questionnairePictogramIds(): string[] {
  const ids = new Set<string>();
  for (const section of questionnaire.sections) ids.add(section.media.pictogram);
  for (const question of questionnaire.questions) {
    ids.add(question.media.pictogram);
    if ('options' in question) for (const option of question.options) ids.add(option.media.pictogram);
  }
  return [...ids].sort();
}

function main(): void {
  const require = createRequire(import.meta.url);
  const openmojiDir = dirname(require.resolve('openmoji/package.json'));
  const svgDir = join(openmojiDir, 'color', 'svg');
  const data = JSON.parse(readFileSync(join(openmojiDir, 'data', 'openmoji.json'), 'utf8')) as OpenMojiEntry[];
  const byHexcode = new Map(data.map((entry) => [entry.hexcode, entry]));

  const overlap = Object.keys(UI_PICTOGRAMS).filter((id) => id in QUESTIONNAIRE_PICTOGRAMS);
  if (overlap.length > 0) throw new Error(`ids in both tables: ${overlap.join(', ')}`);
  const missing = questionnairePictogramIds().filter((id) => !(id in QUESTIONNAIRE_PICTOGRAMS));
  if (missing.length > 0) throw new Error(`no pictogram mapped for questionnaire ids: ${missing.join(', ')}`);

  const mapping = { ...QUESTIONNAIRE_PICTOGRAMS, ...UI_PICTOGRAMS };
  const outDir = resolve(import.meta.dirname, '../assets/pictograms');
  mkdirSync(outDir, { recursive: true });

  // Remove SVGs (and their PNG renderings) of ids that left the table, so the folder holds exactly what is mapped.
  for (const file of readdirSync(outDir)) {
    if ((file.endsWith('.svg') || file.endsWith('.png')) && !(file.slice(0, -4) in mapping)) rmSync(join(outDir, file));
  }

  const manifest: Record<string, { hexcode: string; annotation: string }> = {};
  for (const id of Object.keys(mapping).sort()) {
    const hexcode = mapping[id]!;
    const entry = byHexcode.get(hexcode);
    const source = join(svgDir, `${hexcode}.svg`);
    if (!entry || !existsSync(source)) throw new Error(`${id}: OpenMoji ${hexcode} not found in ${svgDir}`);
    copyFileSync(source, join(outDir, `${id}.svg`));
    manifest[id] = { hexcode, annotation: entry.annotation };
  }
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const version = (JSON.parse(readFileSync(join(openmojiDir, 'package.json'), 'utf8')) as { version: string }).version;
  console.log(`wrote ${Object.keys(manifest).length} pictograms from openmoji ${version} to ${outDir}`);
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) main();
