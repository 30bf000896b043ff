/**
 * Finding and launching a real Chromium for end-to-end tests, screenshots and the preview.
 * Debian's /usr/bin/chromium is the reference (docs/development.md); never downloads one.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export function findChromium(): string {
  const fromEnv = process.env['CHROME_PATH'];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH=${fromEnv} does not exist`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium or Chrome found. Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) ' +
        'or set CHROME_PATH to its executable. Repères never downloads a browser.',
    );
  }
  return found;
}

// Flags that work as root on these machines and keep Chromium off the (closed) network.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--autoplay-policy=no-user-gesture-required',
];

export async function launchChromium(options: { headless?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    headless: options.headless ?? true,
    // Playwright gives each launch a fresh temporary profile.
    args: FLAGS,
  });
}
