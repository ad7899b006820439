// A project's public page opened signed out, in a browser with an empty cache: what it
// downloads (bytes as sent over the network, i.e. compressed; requests; wasm parts) and
// the time until the project's name shows, at 1366×768 as it is and with the CPU slowed
// four times and a slow mobile network (150 ms, 1.6 Mbit/s down, 750 kbit/s up). Run by
// `cargo xtask bench --showcase`. Not a test.
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL;
const path = process.env.SHOWCASE_PATH ?? '/visa/hallbar-framtid-demo';
const browser = await chromium.launch({
  executablePath: process.env.KOLLEGIUM_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function load(throttled) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
    });
  }
  const urls = new Map();
  let bytes = 0;
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.goto(`${base}${path}`);
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'Publik sida' }).waitFor({ timeout: 60_000 });
  const shown = await page.evaluate(() => performance.now());
  await page.waitForLoadState('networkidle');
  const all = [...urls.values()];
  await context.close();
  return { shown, bytes, requests: all.length, wasm: all.filter((u) => u.endsWith('.wasm')).length };
}

for (const throttled of [false, true]) {
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await load(throttled));
  const shown = runs.map((r) => r.shown).sort((a, b) => a - b);
  const r = runs[0];
  console.log(`==> ${path} signed out${throttled ? ', 4× CPU and slow network' : ''}: ` +
    `${(r.bytes / 1024).toFixed(1)} KB over the network in ${r.requests} requests (${r.wasm} wasm), ` +
    `the project shown after ${shown[2].toFixed(0)} ms (median of 5; ${shown[0].toFixed(0)}–${shown[4].toFixed(0)})`);
}
await browser.close();
