// Times drawing and dragging on a wheel of 300 activities in Chromium at 1024×768 with
// the CPU slowed four times (a school iPad is slower than a build machine): run by
// `cargo xtask bench --wheel`. Not a test.
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL;
const browser = await chromium.launch({
  executablePath: process.env.KOLLEGIUM_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1024, height: 768 }, deviceScaleFactor: 2 });
await page.goto(`${base}/logga-in`);
await page.getByLabel('E-postadress').fill('styrgrupp@demo.test');
await page.getByLabel('Lösenord', { exact: true }).fill('kollegium');
await page.getByRole('button', { name: 'Logga in' }).click();
await page.getByRole('heading', { level: 1, name: 'Min översikt' }).waitFor();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const count = () => page.locator('path.activity').count();

// Drawing: from following the link to every arc on the screen (the page's code is
// already cached after the first round).
const draws = [];
for (let i = 0; i < 6; i++) {
  await page.goto(`${base}/`);
  await page.getByRole('heading', { level: 1, name: 'Min översikt' }).waitFor();
  const started = Date.now();
  await page.getByRole('link', { name: 'Årshjul' }).click();
  await page.waitForFunction(() => document.querySelectorAll('path.activity').length >= 300, null, { timeout: 60_000 });
  draws.push(Date.now() - started);
}
const arcs = await count();

// Redrawing: a ring switched off and on again draws the circle anew.
const redraws = [];
for (let i = 0; i < 6; i++) {
  const ms = await page.evaluate(async () => {
    const box = document.querySelector('.ring-filter input');
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const t0 = performance.now();
    box.click();
    await frame();
    box.click();
    await frame();
    return performance.now() - t0;
  });
  redraws.push(ms);
}

// Dragging: an arc of the outermost ring carried a quarter turn with the mouse, counting
// the frames the page paints meanwhile.
const arc = page.locator('path.activity.editable').first();
await arc.scrollIntoViewIfNeeded();
await page.evaluate(() => window.scrollTo(0, 0));
const geometry = await arc.evaluate((el) => {
  const svg = el.ownerSVGElement.getBoundingClientRect();
  const box = el.getBoundingClientRect();
  return { cx: svg.x + svg.width / 2, cy: svg.y + svg.height / 2, x: box.x + box.width / 2, y: box.y + box.height / 2 };
});
const rounds = [];
for (let round = 0; round < 3; round++) {
  await page.evaluate(() => {
    window.__frames = 0;
    const tick = () => { window.__frames++; window.__raf = requestAnimationFrame(tick); };
    window.__raf = requestAnimationFrame(tick);
  });
  const started = Date.now();
  const [dx, dy] = [geometry.x - geometry.cx, geometry.y - geometry.cy];
  await page.mouse.move(geometry.x, geometry.y);
  await page.mouse.down();
  const steps = 60;
  for (let i = 1; i <= steps; i++) {
    const turn = ((round % 2 === 0 ? 1 : -1) * (Math.PI / 2) * i) / steps;
    await page.mouse.move(geometry.cx + dx * Math.cos(turn) - dy * Math.sin(turn), geometry.cy + dx * Math.sin(turn) + dy * Math.cos(turn));
  }
  const elapsed = Date.now() - started;
  const frames = await page.evaluate(() => { cancelAnimationFrame(window.__raf); return window.__frames; });
  // Let go where it was picked up, so that the wheel stays as it was.
  await page.mouse.move(geometry.x, geometry.y);
  await page.mouse.up();
  rounds.push({ fps: (frames * 1000) / elapsed, perMove: elapsed / steps });
}
await browser.close();
console.log(`wheel in Chromium, 1024×768, CPU slowed 4×, ${arcs} arcs:`);
console.log(`  draw after following the link: median ${median(draws)} ms (${Math.min(...draws)}–${Math.max(...draws)} ms over ${draws.length})`);
console.log(`  redraw (a ring off and on): median ${median(redraws).toFixed(0)} ms (${Math.min(...redraws).toFixed(0)}–${Math.max(...redraws).toFixed(0)} ms)`);
console.log(`  drag: ${rounds.map((r) => r.fps.toFixed(0)).join(', ')} frames per second over ${rounds.length} quarter turns (${median(rounds.map((r) => r.perMove)).toFixed(1)} ms per pointer move)`);
