import { expect, test } from '@playwright/test';
import { dragPoints, expectAccessible, press, screenshot, signIn, tabTo } from '../helper';

test.describe('the annual wheel', () => {
  test('a teacher reads the year on the circle, zooms, filters rings and opens an activity', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    await press(page.getByRole('link', { name: 'Årshjul' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Årshjul' })).toBeVisible();
    const wheel = page.locator('svg.wheel-svg');
    await expect(wheel).toBeVisible();
    // The whole circle fits the screen without scrolling.
    const box = (await wheel.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    await expect(page.locator('path.lane-bg')).toHaveCount(8);
    await press(page.getByRole('button', { name: /^Lärgruppsträff 3, 26 nov, 15:00–16:30$/ }), testInfo);
    const details = page.locator('.wheel-details');
    await expect(details.getByRole('heading', { name: 'Lärgruppsträff 3' })).toBeVisible();
    await expect(details).toContainText('Lärgrupp');
    await expect(details).toContainText('Bedömning för lärande');
    await expectAccessible(page, 'the wheel with an activity open');
    await screenshot(page, testInfo, 'wheel');

    // Only the holidays ring, and only the spring term.
    for (const name of ['Lärgruppsträffar', 'Ledarträffar', 'Rektorsträffar', 'Målsamtal', 'Resultatdialoger', 'Studiedagar', 'Teman']) {
      await press(page.getByLabel(name, { exact: true }), testInfo);
    }
    await expect(page.locator('path.lane-bg')).toHaveCount(1);
    await page.getByLabel('Visa', { exact: true }).selectOption({ label: 'Vårtermin (VT)' });
    await expect(page.getByRole('button', { name: /^Sportlov/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Höstlov/ })).toHaveCount(0);

    // The keyboard reaches the activities too.
    await tabTo(page, page.locator('path.activity').first());
    await page.keyboard.press('Enter');
    await expect(details.getByRole('heading', { level: 2 })).toBeVisible();
  });

  test('the list shows the same activities, sorted and filtered', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    await page.goto('/arshjul/lista');
    await expect(page.getByRole('heading', { level: 1, name: 'Årshjulet som lista' })).toBeVisible();
    const rows = page.locator('.wheel-table tbody tr');
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeGreaterThan(15);
    await page.getByLabel('Ring', { exact: true }).selectOption({ label: 'Lärgruppsträffar' });
    await expect(rows).toHaveCount(6);
    await page.getByLabel('Månad', { exact: true }).selectOption({ label: 'nov' });
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Lärgruppsträff 3');
    await page.getByLabel('Månad', { exact: true }).selectOption({ label: 'Alla' });
    await press(page.getByRole('button', { name: 'Aktivitet' }), testInfo);
    await press(page.getByRole('button', { name: 'Aktivitet' }), testInfo);
    await expect(page.locator('th', { hasText: 'Aktivitet' })).toHaveAttribute('aria-sort', 'descending');
    await expect(rows.first()).toContainText('Lärgruppsträff 6');
    await expectAccessible(page, 'the wheel as a list');
    await screenshot(page, testInfo, 'wheel-list');
  });

  test('the steering group adds an activity on the ring, changes it, undoes it, and a stale change is refused', async ({ page, browser }, testInfo) => {
    test.setTimeout(60_000);
    const title = `Studiedag IKT ${testInfo.project.name}`;
    await signIn(page, testInfo, 'styrgrupp@demo.test');
    await page.goto('/arshjul');
    // Tap an empty spot on the study-days ring: the form opens with that ring and day.
    const lane = page.locator('path.lane-bg').nth(5);
    const box = (await lane.boundingBox())!;
    // Mid-band (its inner edge is at 0.87 of its outer radius), about 21 October on the
    // iPad and mid-November on the Chromebook, so the two runs never tap each other's.
    const angle = ((testInfo.project.name === 'ipad' ? 80 : 105) * Math.PI) / 180;
    const position = { x: box.width * (0.5 + 0.467 * Math.sin(angle)), y: box.height * (0.5 - 0.467 * Math.cos(angle)) };
    if (testInfo.project.use.hasTouch) {
      await lane.tap({ position });
    } else {
      await lane.click({ position });
    }
    const form = page.locator('form.activity-form');
    await expect(form).toBeVisible();
    await expect(form.getByLabel('Ring', { exact: true }).locator('option:checked')).toHaveText('Studiedagar');
    const day = await form.getByLabel('Första dag').inputValue();
    expect(day).toMatch(/^2026-(10|11)-\d\d$/);
    // Times must come in pairs.
    await form.getByLabel('Rubrik').fill(title);
    await form.getByLabel(/^Starttid/).fill('13:00');
    await press(form.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(form.locator('#field-end_time-error')).not.toBeEmpty();
    await form.getByLabel('Sluttid').fill('16:00');
    await press(form.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(page.locator('.wheel-details').getByRole('heading', { name: title })).toBeVisible();
    await expectAccessible(page, 'the wheel with the editor');

    // Change the title, then undo the change.
    await press(page.locator('.wheel-details').getByRole('button', { name: 'Ändra' }), testInfo);
    await form.getByLabel('Rubrik').fill(`${title} (ändrad)`);
    await press(form.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(page.locator('.wheel-details').getByRole('heading', { name: `${title} (ändrad)` })).toBeVisible();
    await press(page.getByRole('button', { name: 'Ångra' }), testInfo);
    await expect(page.locator('.wheel-details').getByRole('heading', { name: title, exact: true })).toBeVisible();

    // Someone else changes it meanwhile: this page's change is refused and the wheel reloads.
    await press(page.locator('.wheel-details').getByRole('button', { name: 'Ändra' }), testInfo);
    const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
    const otherPage = await other.newPage();
    await signIn(otherPage, testInfo, 'admin@demo.test');
    await otherPage.goto('/arshjul/lista');
    await otherPage.getByRole('button', { name: title, exact: true }).click();
    await otherPage.locator('.wheel-details').getByRole('button', { name: 'Ändra' }).click();
    await otherPage.locator('form.activity-form').getByLabel('Rubrik').fill(`${title} (admin)`);
    await otherPage.locator('form.activity-form').getByRole('button', { name: 'Spara' }).click();
    await expect(otherPage.locator('.wheel-details').getByRole('heading', { name: `${title} (admin)` })).toBeVisible();
    await other.close();
    await form.getByLabel('Rubrik').fill(`${title} (styrgrupp)`);
    await press(form.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(page.getByRole('alert').filter({ hasText: 'ändrat' })).toBeVisible();
    await expect(page.locator('.wheel-details').getByRole('heading', { name: `${title} (admin)` })).toBeVisible();

    // Dragged a week later along its ring, in the month's view where a day is a finger
    // wide; the drag can be undone.
    const arc = page.getByRole('button', { name: new RegExp(`^${title} \\(admin\\), `) });
    const before = (await arc.getAttribute('aria-label'))!;
    const month = before.split(', ')[1].split(' ')[1];
    await page.getByLabel('Visa', { exact: true }).selectOption({ label: month });
    const monthDays = month === 'okt' ? 31 : 30;
    const svg = (await page.locator('svg.wheel-svg').boundingBox())!;
    const centre = { x: svg.x + svg.width / 2, y: svg.y + svg.height / 2 };
    const a = (await arc.boundingBox())!;
    const start = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
    const turn = (7.5 / monthDays) * 2 * Math.PI;
    const [dx, dy] = [start.x - centre.x, start.y - centre.y];
    const end = { x: centre.x + dx * Math.cos(turn) - dy * Math.sin(turn), y: centre.y + dx * Math.sin(turn) + dy * Math.cos(turn) };
    await dragPoints(page, testInfo, start, end);
    await expect(arc).not.toHaveAttribute('aria-label', before);
    const moved = (await arc.getAttribute('aria-label'))!;
    const dayOf = (label: string) => Number(label.split(', ')[1].split(' ')[0]);
    const shift = (dayOf(moved) - dayOf(before) + 31) % 31;
    expect([7, 8]).toContain(shift);
    await expect(page.locator('.undo-bar')).toContainText(moved.split(', ')[1]);
    // By the keyboard: in headless Chromium a tap straight after a CDP touch drag does not
    // register (the tap on "Ångra" above, before any drag, does).
    await page.getByRole('button', { name: 'Ångra' }).focus();
    await page.keyboard.press('Enter');
    await expect(arc).toHaveAttribute('aria-label', before);
    await page.getByLabel('Visa', { exact: true }).selectOption({ label: 'Hela läsåret' });

    // The history names who did what.
    await page.goto('/arshjul/lista');
    await press(page.getByText('Ändringshistorik'), testInfo);
    await expect(page.locator('.wheel-history li').first()).toContainText('ändrade');
    await screenshot(page, testInfo, 'wheel-history');
  });

  test('the steering group switches the public calendar on and off', async ({ page }, testInfo) => {
    // The switch is a municipality's: each device uses its own municipality.
    const ipad = testInfo.project.name === 'ipad';
    await signIn(page, testInfo, ipad ? 'styrgrupp@demo.test' : 'admin@ovning.test');
    await page.goto('/arshjul/lista');
    await press(page.getByRole('button', { name: 'Slå på offentlig kalender' }), testInfo);
    const url = await page.getByLabel(/offentliga kalendern/).inputValue();
    expect(url).toMatch(/\/api\/v1\/calendar\/public\/[0-9a-f]{64}\.ics$/);
    const feed = await page.request.get(url);
    expect(feed.status()).toBe(200);
    const body = await feed.text();
    expect(body).toContain('BEGIN:VCALENDAR');
    if (ipad) expect(body).toContain('SUMMARY:Rektorernas lärgrupp');
    await press(page.getByRole('button', { name: 'Stäng av' }), testInfo);
    await expect(page.getByRole('button', { name: 'Stäng av' })).toHaveCount(0);
    expect((await page.request.get(url)).status()).toBe(404);
    await expectAccessible(page, 'the public calendar switch');
  });

  test('a teacher makes a private calendar feed of the dates that concern them', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    await page.goto('/arshjul');
    await press(page.getByRole('button', { name: /^Skapa kalenderlänk|^Skapa ny länk/ }), testInfo);
    const url = await page.getByLabel(/Din kalenderlänk/).inputValue();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/calendar\/[0-9a-f]{64}\.ics$/);
    await expect(page.getByRole('link', { name: 'Öppna i kalenderappen' })).toHaveAttribute('href', /^webcal:\/\//);
    const feed = await page.request.get(url);
    expect(feed.status()).toBe(200);
    const body = await feed.text();
    expect(body).toContain('BEGIN:VCALENDAR');
    expect(body).toContain('SUMMARY:Lärgruppsträff 1');
    expect(body).not.toContain('Rektorernas lärgrupp');
    await press(page.getByRole('button', { name: 'Sluta dela' }), testInfo);
    await expect(page.getByRole('button', { name: 'Sluta dela' })).toHaveCount(0);
    expect((await page.request.get(url)).status()).toBe(404);
    await expectAccessible(page, 'the calendar feed section');
  });
});
