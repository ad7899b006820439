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
}

/** Saves a screenshot under target/e2e/, named by device and step. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: `${output}/${testInfo.project.name}-${name}.png`, fullPage: true });
}
