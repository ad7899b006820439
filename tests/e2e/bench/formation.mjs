// Times the formation preview in the browser: run by `cargo xtask bench --formation`
// against a server whose demo municipality holds 5,000 more teachers. Not a test.
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL;
const browser = await chromium.launch({
  executablePath: process.env.KOLLEGIUM_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
await page.goto(`${base}/logga-in`);
await page.getByLabel('E-postadress').fill('styrgrupp@demo.test');
await page.getByLabel('Lösenord', { exact: true }).fill('kollegium');
await page.getByRole('button', { name: 'Logga in' }).click();
await page.getByRole('heading', { level: 1, name: 'Min översikt' }).waitFor();
await page.goto(`${base}/grupper/bilda`);
const summary = page.locator('.formation-summary');
await summary.waitFor({ timeout: 60_000 });
const candidates = await page.locator('.formation-summary dd').nth(1).textContent();
const samples = [];
// Each change of the bounds forms the whole year again.
for (const [min, max] of [[10, 15], [9, 14], [8, 12], [7, 10], [11, 16], [10, 15], [12, 18], [10, 14], [9, 15], [10, 15], [8, 13]]) {
  await page.getByLabel('Högst per grupp').fill(String(max));
  await page.getByLabel('Minst per grupp').fill(String(min));
  await page.waitForFunction(([lo, hi]) => {
    const el = document.querySelector('.formation-summary');
    return el && document.querySelector('#formation-min').value === String(lo)
      && document.querySelector('#formation-max').value === String(hi);
  }, [min, max]);
  samples.push(Number(await summary.getAttribute('data-ms')));
}
await browser.close();
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)];
console.log(`formation in Chromium (wasm): ${candidates} teachers placed; median ${median.toFixed(1)} ms, min ${samples[0].toFixed(1)} ms, max ${samples[samples.length - 1].toFixed(1)} ms over ${samples.length} runs`);
