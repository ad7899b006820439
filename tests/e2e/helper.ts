import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

export const PASSWORD = 'kollegium';
const output = process.env.E2E_OUTPUT ?? '../../target/e2e';

/** Taps on a touch screen, clicks elsewhere: as the user of that device would. */
export async function press(target: Locator, testInfo: TestInfo): Promise<void> {
  if (testInfo.project.use.hasTouch) {
    await target.tap();
  } else {
    await target.click();
  }
}

/** Signs in through the form and waits for the start page. */
export async function signIn(page: Page, testInfo: TestInfo, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/logga-in');
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  await press(page.getByRole('button', { name: 'Logga in' }), testInfo);
  await expect(page.getByRole('heading', { level: 1, name: 'Min översikt' })).toBeVisible();
}

/** No serious or critical WCAG 2.1 A/AA violations on the page as it stands. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `accessibility of ${what}`).toEqual([]);
  // Every field a finger may focus is at least 16 px, or iPad Safari zooms on focus.
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('input:not([type=checkbox]):not([type=radio]):not([type=hidden]), select, textarea')]
      .filter((e) => (e as HTMLElement).offsetParent !== null && parseFloat(getComputedStyle(e).fontSize) < 16)
      .map((e) => `${e.tagName.toLowerCase()}#${e.id} ${getComputedStyle(e).fontSize}`),
  );
  expect(small, `fields under 16 px in ${what}`).toEqual([]);
}

/**
 * The cumulative layout shift of loading `path` afresh (the signed-in session kept),
 * as Chromium reports it: shifts not caused by input, summed, once the page is quiet.
 */
export async function layoutShift(page: Page, path: string): Promise<number> {
  await page.addInitScript(() => {
    const w = window as unknown as { shift: number };
    w.shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
        if (!e.hadRecentInput) w.shift += e.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { shift: number }).shift);
}

/** Saves a screenshot under target/e2e/, named by device and step. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: `${output}/${testInfo.project.name}-${name}.png`, fullPage: true });
}

/** Opens the header's "Mer" list of the places beyond the main ones, if it is closed. */
export async function openMore(page: Page, testInfo: TestInfo): Promise<Locator> {
  const more = page.locator('.site-header details.nav-more');
  if ((await more.getAttribute('open')) === null) await press(more.locator('summary'), testInfo);
  const list = page.locator('#nav-more-list');
  await expect(list).toBeVisible();
  return list;
}

/** Follows a link of the header's "Mer" list. */
export async function navigate(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const list = await openMore(page, testInfo);
  await press(list.getByRole('link', { name, exact: true }), testInfo);
}

/** Opens an administration page through the header's "Administration" link. */
export async function openAdmin(page: Page, testInfo: TestInfo, title: string): Promise<void> {
  await navigate(page, testInfo, 'Administration');
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  await press(page.getByRole('link', { name: title, exact: true }), testInfo);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `limit` presses. */
export async function tabTo(page: Page, target: Locator, limit = 80, backwards = false): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) break;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

/** Drags `from` onto `to`: with a finger on a touch device, else with the mouse. */
export async function drag(page: Page, testInfo: TestInfo, from: Locator, to: Locator): Promise<void> {
  await from.scrollIntoViewIfNeeded();
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('drag source or target not visible');
  const start = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  // Across to the target, at the same height when the target reaches it (cards side by side).
  const end = { x: b.x + b.width / 2, y: Math.min(Math.max(start.y, b.y + 20), b.y + b.height - 20) };
  await dragPoints(page, testInfo, start, end);
}

/** Drags with a finger on a touch device, else with the mouse, from one point to another. */
export async function dragPoints(page: Page, testInfo: TestInfo, start: { x: number; y: number }, end: { x: number; y: number }): Promise<void> {
  const steps = 10;
  if (testInfo.project.use.hasTouch) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [start] });
    for (let i = 1; i <= steps; i++) {
      const p = { x: start.x + ((end.x - start.x) * i) / steps, y: start.y + ((end.y - start.y) * i) / steps };
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
  } else {
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(end.x, end.y, { steps });
    await page.mouse.up();
  }
}

/** A bearer token for `email`, for setting up what a test needs through the API. */
export async function apiToken(page: Page, email: string): Promise<string> {
  const reply = await page.request.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
  expect(reply.status()).toBe(200);
  return (await reply.json()).token;
}
