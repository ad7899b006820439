import { readFileSync } from 'fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import ICAL from 'ical.js';
import { apiToken, dragPoints, expectAccessible, layoutShift, press, screenshot, signIn, tabTo } from '../helper';

/** Where an arc lies on the screen: the drawing's centre, the lane's middle radius and
 *  the arc's first and last angle (degrees clockwise from the top), from its outline. */
async function arcGeometry(arc: Locator): Promise<{ cx: number; cy: number; r: number; a0: number; a1: number }> {
  return arc.evaluate((el) => {
    const path = el as SVGPathElement;
    const svg = path.ownerSVGElement!;
    const box = svg.getBoundingClientRect();
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    const ctm = path.getScreenCTM()!;
    const total = path.getTotalLength();
    const polar: { r: number; a: number }[] = [];
    for (let i = 0; i <= 400; i++) {
      const p = path.getPointAtLength((total * i) / 400).matrixTransform(ctm);
      const [dx, dy] = [p.x - cx, p.y - cy];
      polar.push({ r: Math.hypot(dx, dy), a: ((Math.atan2(dx, -dy) * 180) / Math.PI + 360) % 360 });
    }
    const rs = polar.map((p) => p.r);
    const as = polar.map((p) => p.a);
    return { cx, cy, r: (Math.min(...rs) + Math.max(...rs)) / 2, a0: Math.min(...as), a1: Math.max(...as) };
  });
}

/** The point at `angle` degrees on the circle of radius `r` around the centre. */
function at(g: { cx: number; cy: number; r: number }, angle: number): { x: number; y: number } {
  const rad = (angle * Math.PI) / 180;
  return { x: g.cx + g.r * Math.sin(rad), y: g.cy - g.r * Math.cos(rad) };
}

/** An activity made through the API, for a test about something else than making one. */
async function makeActivity(page: Page, token: string, ring: string, body: Record<string, unknown>): Promise<number> {
  const wheel = await (await page.request.get('/api/v1/wheel', { headers: { authorization: `Bearer ${token}` } })).json();
  const ringId = wheel.rings.find((r: { kind: string }) => r.kind === ring).id;
  const reply = await page.request.post('/api/v1/wheel/activities', {
    headers: { authorization: `Bearer ${token}` },
    data: { ring_id: ringId, audience: { kind: 'everyone' }, ...body },
  });
  expect(reply.status()).toBe(201);
  return (await reply.json()).id;
}

/** The events of an iCalendar text, read by an independent parser (ical.js). */
function parseCalendar(text: string): { events: ICAL.Event[]; zone: ICAL.Component | null } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  const zone = calendar.getFirstSubcomponent('vtimezone');
  if (zone) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  const uids = events.map((e) => e.uid);
  expect(new Set(uids).size, 'every UID is unique').toBe(uids.length);
  for (const v of calendar.getAllSubcomponents('vevent')) {
    expect(v.getFirstPropertyValue('dtstamp'), 'DTSTAMP').toBeTruthy();
    expect(typeof v.getFirstPropertyValue('sequence'), 'SEQUENCE').toBe('number');
  }
  return { events, zone };
}

test.describe('the annual wheel', () => {
  test('the wheel keeps its place while it loads, also on a phone-sized screen', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'styrgrupp@demo.test');
    for (const size of [page.viewportSize()!, { width: 390, height: 844 }]) {
      await page.setViewportSize(size);
      const shift = await layoutShift(page, '/arshjul');
      await expect(page.locator('svg.wheel-svg')).toBeVisible();
      expect(shift, `cumulative layout shift of /arshjul at ${size.width}×${size.height}`).toBeLessThan(0.1);
    }
  });

  test('a teacher reads the year on the circle, zooms, filters rings and opens an activity', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    await press(page.getByRole('link', { name: 'Årshjul' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Årshjul' })).toBeVisible();
    const wheel = page.locator('svg.wheel-svg');
    await expect(wheel).toBeVisible();
    // The whole circle fits the screen without scrolling.
    const box = (await wheel.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    // A lane per ring shown (the other device may be adding a ring of its own meanwhile).
    const rings = page.locator('.ring-filter input[type=checkbox]');
    await expect.poll(async () => (await page.locator('path.lane-bg').count()) === (await rings.count())).toBe(true);
    expect(await rings.count()).toBeGreaterThanOrEqual(8);
    // Names are written along the arcs where they fit.
    await expect(page.locator('text.arc-label').first()).toBeVisible();
    await press(page.getByRole('button', { name: /^Lärgruppsträff 3, 26 nov, 15:00–16:30$/ }), testInfo);
    const details = page.locator('.wheel-details');
    await expect(details.getByRole('heading', { name: 'Lärgruppsträff 3' })).toBeVisible();
    // What the tap opened is in view and has the focus.
    await expect(details.getByRole('heading', { name: 'Lärgruppsträff 3' })).toBeFocused();
    await expect(details).toBeInViewport();
    // Closing gives the focus back to the arc.
    await press(details.getByRole('button', { name: 'Stäng' }), testInfo);
    await expect(page.getByRole('button', { name: /^Lärgruppsträff 3, 26 nov, 15:00–16:30$/ })).toBeFocused();
    // A tap just beside a thin arc (10 px out from its edge) still finds it.
    const meeting = page.getByRole('button', { name: /^Lärgruppsträff 3, 26 nov, 15:00–16:30$/ });
    const g = await arcGeometry(meeting);
    const edge = await meeting.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return Math.max(box.width, box.height);
    });
    expect(edge).toBeGreaterThan(0);
    const near = at({ ...g }, g.a1 + (10 / g.r) * (180 / Math.PI) + 0.2);
    if (testInfo.project.use.hasTouch) await page.touchscreen.tap(near.x, near.y);
    else await page.mouse.click(near.x, near.y);
    await expect(details.getByRole('heading', { name: 'Lärgruppsträff 3' })).toBeVisible();
    await expect(details).toBeInViewport();
    await expect(details).toContainText('Lärgrupp');
    await expect(details).toContainText('Bedömning och betyg');
    await expectAccessible(page, 'the wheel with an activity open');
    await screenshot(page, testInfo, 'wheel');

    // Only the holidays ring, and only the spring term.
    for (const name of await page.locator('.ring-filter label').allTextContents()) {
      if (name !== 'Lov') await press(page.getByLabel(name, { exact: true }), testInfo);
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
    const lane = page.locator('path.lane-bg').filter({ has: page.locator('title', { hasText: /^Studiedagar$/ }) });
    const box = (await lane.boundingBox())!;
    // In the band, nearer its outer edge: its inner edge is the outer edge of the themes'
    // lane inside it (however many rings the wheel has), whose autumn theme a tap near
    // it would pick. About 21 October on the iPad and mid-November on the Chromebook,
    // so the two runs never tap each other's.
    const inside = page.locator('path.lane-bg').filter({ has: page.locator('title', { hasText: /^Teman$/ }) });
    const inner = (await inside.boundingBox())!.width / 2;
    const mid = inner + 0.75 * (box.width / 2 - inner);
    const angle = ((testInfo.project.name === 'ipad' ? 80 : 105) * Math.PI) / 180;
    const position = { x: box.width / 2 + mid * Math.sin(angle), y: box.height / 2 - mid * Math.cos(angle) };
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
    // An hour the clocks skip does not exist: refused at the field, in Swedish.
    await form.getByLabel('Första dag').fill('2027-03-28');
    await form.getByLabel('Sista dag').fill('2027-03-28');
    await form.getByLabel(/^Starttid/).fill('02:30');
    await form.getByLabel('Sluttid').fill('04:00');
    await press(form.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(form.locator('#field-start_time-error')).toContainText('sommartid');
    await form.getByLabel('Första dag').fill(day);
    await form.getByLabel('Sista dag').fill(day);
    await form.getByLabel(/^Starttid/).fill('13:00');
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
    // The whole circle on the screen, so the drag stays on it.
    await page.evaluate(() => window.scrollTo(0, 0));
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
    const { events } = parseCalendar(await feed.text());
    // The demo municipality's whole wheel (the practice municipality has none yet).
    if (ipad) {
      const titles = events.map((e) => e.summary);
      expect(titles).toContain('Höstlov');
      expect(titles).toContain('Rektorernas lärgrupp');
    }
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
    const { events, zone } = parseCalendar(await feed.text());
    expect(zone?.getFirstPropertyValue('tzid')).toBe('Europe/Stockholm');
    const titles = events.map((e) => e.summary);
    expect(titles).not.toContain('Rektorernas lärgrupp');
    // The feed holds every school year: these are this year's.
    const find = (title: string) => events.find((e) => e.summary === title && e.startDate.year <= 2027)!;
    // A meeting slot: 15:00–16:30 Swedish summer time is 13:00–14:30 UTC.
    const meeting = find('Lärgruppsträff 1');
    expect(meeting.startDate.isDate).toBe(false);
    expect(meeting.startDate.toJSDate().toISOString()).toBe('2026-09-10T13:00:00.000Z');
    expect(meeting.endDate.toJSDate().toISOString()).toBe('2026-09-10T14:30:00.000Z');
    // A holiday is all day: DATE values, the end the day after the last.
    const autumn = find('Höstlov');
    expect(autumn.startDate.isDate).toBe(true);
    expect(autumn.startDate.toString()).toBe('2026-10-26');
    expect(autumn.endDate.toString()).toBe('2026-10-31');
    // In winter the same hour is an hour later in UTC.
    const winter = find('Lärgruppsträff 3');
    expect(winter.startDate.toJSDate().toISOString()).toBe('2026-11-26T14:00:00.000Z');
    await press(page.getByRole('button', { name: 'Sluta dela' }), testInfo);
    await expect(page.getByRole('button', { name: 'Sluta dela' })).toHaveCount(0);
    expect((await page.request.get(url)).status()).toBe(404);
    await expectAccessible(page, 'the calendar feed section');
  });
  test('a teacher sees what concerns them, and the whole wheel when they choose', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    await page.goto('/arshjul');
    await expect(page.locator('path.activity').first()).toBeVisible();
    await expect(page.getByLabel('Det som gäller mig')).toBeChecked();
    // The principals' meetings and result dialogues are not for a teacher.
    await expect(page.getByRole('button', { name: /^Rektorernas lärgrupp/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Resultatdialog/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Lärgruppsträff 3,/ })).toBeVisible();
    await press(page.getByLabel('Hela årshjulet'), testInfo);
    await expect(page.getByRole('button', { name: /^Rektorernas lärgrupp/ })).toHaveCount(2);
    await page.goto('/arshjul/lista');
    const rows = page.locator('.wheel-table tbody tr');
    await expect(rows.first()).toBeVisible();
    await expect(rows.filter({ hasText: 'Rektorernas lärgrupp' })).toHaveCount(0);
    await press(page.getByLabel('Hela årshjulet'), testInfo);
    await expect(rows.filter({ hasText: 'Rektorernas lärgrupp' })).toHaveCount(2);
  });

  test('the steering group drags an activity along its ring and stretches it by its end; the list shows the new days', async ({ page }, testInfo) => {
    test.setTimeout(60_000);
    const ipad = testInfo.project.name === 'ipad';
    const title = `Temavecka ${testInfo.project.name}`;
    // Five days (Monday–Friday), each device its own month.
    const [first, last, month] = ipad ? ['2026-10-05', '2026-10-09', 'okt'] : ['2027-03-08', '2027-03-12', 'mar'];
    const token = await apiToken(page, 'styrgrupp@demo.test');
    await makeActivity(page, token, 'themes', { title, starts_on: first, ends_on: last });
    await signIn(page, testInfo, 'styrgrupp@demo.test');
    await page.goto('/arshjul');
    await page.getByLabel('Visa', { exact: true }).selectOption({ label: month });
    await page.evaluate(() => window.scrollTo(0, 0));
    const arc = page.getByRole('button', { name: new RegExp(`^${title}, `) });
    await expect(arc).toBeVisible();
    const dayDegrees = 360 / 31;

    // The whole arc a week later: held in its middle.
    let g = await arcGeometry(arc);
    const before = (await arc.getAttribute('aria-label'))!;
    const middle = (g.a0 + g.a1) / 2;
    // While dragging, the days it would get are shown.
    if (!testInfo.project.use.hasTouch) {
      const [from, to] = [at(g, middle), at(g, middle + 7 * dayDegrees)];
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
      await expect(page.locator('text.drag-date')).toHaveText(/^\d+ mar–\d+ mar$/);
      await page.mouse.move(from.x, from.y, { steps: 5 });
      await page.mouse.up();
      await expect(page.locator('text.drag-date')).toHaveCount(0);
      await expect(arc).toHaveAttribute('aria-label', before);
    }
    await dragPoints(page, testInfo, at(g, middle), at(g, middle + 7 * dayDegrees));
    await expect(arc).not.toHaveAttribute('aria-label', before);
    const moved = ipad ? '12 okt–16 okt' : '15 mar–19 mar';
    await expect(arc).toHaveAttribute('aria-label', `${title}, ${moved}`);

    // Two days longer: held by its last day.
    g = await arcGeometry(arc);
    await dragPoints(page, testInfo, at(g, g.a1 - dayDegrees / 2), at(g, g.a1 + 1.5 * dayDegrees));
    const stretched = ipad ? '12 okt–18 okt' : '15 mar–21 mar';
    await expect(arc).toHaveAttribute('aria-label', `${title}, ${stretched}`);

    await page.goto('/arshjul/lista');
    await expect(page.locator('.wheel-table tbody tr').filter({ hasText: title })).toContainText(stretched);
  });

  test('the steering group adds a ring of its own, plans for named groups on it, reorders and removes it', async ({ page }, testInfo) => {
    test.setTimeout(60_000);
    const name = `Skolutveckling ${testInfo.project.name}`;
    await signIn(page, testInfo, 'styrgrupp@demo.test');
    await page.goto('/arshjul/lista');
    const editor = page.locator('.ring-editor');
    await expect(editor.getByRole('heading', { name: 'Årshjulets ringar' })).toBeVisible();
    // A name is required, and the error names the field.
    await press(editor.getByRole('button', { name: 'Lägg till ringen' }), testInfo);
    await expect(editor.locator('#field-name-error')).not.toBeEmpty();
    await editor.getByLabel('Namn på ringen', { exact: true }).fill(name);
    await press(editor.getByRole('button', { name: 'Lägg till ringen' }), testInfo);
    const row = editor.locator('.ring-row').filter({ has: page.locator(`input[aria-label="Namn på ringen ${name}"]`) });
    await expect(row).toHaveCount(1);
    // Renamed, then moved one lane out.
    await row.getByLabel(`Namn på ringen ${name}`).fill(`${name} HT`);
    await press(row.getByRole('button', { name: `Spara ${name}` }), testInfo);
    const renamed = editor.locator('.ring-row').filter({ has: page.locator(`input[aria-label="Namn på ringen ${name} HT"]`) });
    await expect(renamed).toHaveCount(1);
    const position = async () => editor.locator('.ring-row').evaluateAll((rows, n) =>
      rows.findIndex((r) => r.querySelector('input.ring-name')?.getAttribute('aria-label') === `Namn på ringen ${n}`), `${name} HT`);
    const was = await position();
    await press(renamed.getByRole('button', { name: `Flytta utåt: ${name} HT` }), testInfo);
    await expect.poll(position).toBe(was - 1);
    await expectAccessible(page, 'the ring editor');

    // An activity for one named group on the new ring.
    await page.goto('/arshjul');
    await press(page.getByRole('button', { name: 'Ny aktivitet' }), testInfo);
    const form = page.locator('form.activity-form');
    await form.getByLabel('Rubrik').fill(`Skolbesök ${testInfo.project.name}`);
    await form.getByLabel('Ring', { exact: true }).selectOption({ label: `${name} HT` });
    await form.getByLabel('Första dag').fill('2026-12-01');
    await form.getByLabel('Sista dag').fill('2026-12-01');
    await form.getByLabel('För vem').selectOption({ label: 'Namngivna grupper' });
    // None chosen yet: the field is named.
    await press(form.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(form.locator('#field-audience-error')).not.toBeEmpty();
    await press(form.locator('.named-groups input[type="checkbox"]').first(), testInfo);
    await press(form.getByRole('button', { name: 'Spara' }), testInfo);
    const details = page.locator('.wheel-details');
    await expect(details.getByRole('heading', { name: `Skolbesök ${testInfo.project.name}` })).toBeVisible();
    await expect(details).toContainText('1 grupp');
    await expectAccessible(page, 'an activity for named groups');

    // A ring with an activity stays; emptied, it goes.
    await page.goto('/arshjul/lista');
    const own = editor.locator('.ring-row').filter({ has: page.locator(`input[aria-label="Namn på ringen ${name} HT"]`) });
    await press(own.getByRole('button', { name: `Ta bort ${name} HT` }), testInfo);
    await expect(editor.getByRole('alert').first()).toContainText('aktiviteter');
    await press(page.getByRole('button', { name: `Skolbesök ${testInfo.project.name}`, exact: true }), testInfo);
    await press(page.locator('.wheel-details').getByRole('button', { name: 'Ändra' }), testInfo);
    await press(page.locator('form.activity-form').getByRole('button', { name: 'Ta bort' }), testInfo);
    await expect(page.locator('.wheel-table tbody tr').filter({ hasText: `Skolbesök ${testInfo.project.name}` })).toHaveCount(0);
    await press(own.getByRole('button', { name: `Ta bort ${name} HT` }), testInfo);
    await expect(own).toHaveCount(0);
  });

  test('the steering group copies the wheel to a later year after reviewing it', async ({ page }, testInfo) => {
    test.setTimeout(60_000);
    // Each device copies into a year of its own, far from the other tests' years.
    const ipad = testInfo.project.name === 'ipad';
    const year = ipad ? 2034 : 2036;
    const name = `${year}/${(year + 1) % 100}`;
    const token = await apiToken(page, 'styrgrupp@demo.test');
    const made = await page.request.post('/api/v1/school-years', {
      headers: { authorization: `Bearer ${token}` },
      data: { name, starts_on: `${year}-08-18`, spring_starts_on: `${year + 1}-01-09`, ends_on: `${year + 1}-06-12` },
    });
    expect(made.status()).toBe(201);
    await signIn(page, testInfo, 'styrgrupp@demo.test');
    await page.goto('/arshjul/lista');
    await press(page.getByRole('link', { name: 'Förhandsgranska en kopia' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Kopiera till nästa läsår' })).toBeVisible();
    await page.getByLabel('Kopiera från').selectOption({ label: '2026/27' });
    await page.getByLabel('Till läsår').selectOption({ label: name });
    await press(page.getByRole('button', { name: 'Förhandsgranska' }), testInfo);
    const review = page.locator('.copy-table tbody tr');
    // Thursday of week 48, fifteen minutes past three as before.
    const meeting = review.filter({ hasText: 'Lärgruppsträff 3' }).first();
    await expect(meeting).toContainText(ipad ? '30 nov, 15:00–16:30' : '27 nov, 15:00–16:30');
    await expect(review.filter({ hasText: 'Ersätts av det nya läsårets lov' }).first()).toBeVisible();
    await expect(review.filter({ hasText: 'Lov från det nya läsårets mall' })).toHaveCount(4);
    await expectAccessible(page, 'the copy under review');
    await screenshot(page, testInfo, 'wheel-copy');
    // Other tests change this year's wheel meanwhile: a save based on an older preview is
    // refused, the copy is shown again, and saved as shown.
    for (let attempt = 0; attempt < 3 && page.url().includes('/kopiera'); attempt++) {
      await press(page.getByRole('button', { name: 'Spara kopian' }), testInfo);
      await expect(page.getByRole('alert').filter({ hasText: 'Granska kopian igen' }).or(page.locator('svg.wheel-svg'))).toBeVisible();
    }
    // The new year's wheel, with the copied activities.
    await expect(page).toHaveURL(/\/arshjul\?ar=\d+$/);
    await expect(page.locator('svg.wheel-svg text.wheel-year')).toHaveText(name);
    await expect(page.getByRole('button', { name: /^Lärgruppsträff 3, / })).toBeVisible();
  });

  test('the wheel prints on one landscape page, A4 or A3, and saves as SVG and PNG', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    await page.goto('/arshjul');
    await expect(page.locator('path.activity').first()).toBeVisible();
    // The print dialog itself is the browser's; what it would print is the PDF.
    await page.evaluate(() => { window.print = () => {}; });
    await press(page.getByText('Skriv ut eller spara som bild'), testInfo);
    for (const [paper, width] of [['a4', 842], ['a3', 1191]] as const) {
      await page.getByLabel('Papper').selectOption(paper);
      await press(page.getByRole('button', { name: 'Skriv ut' }), testInfo);
      const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
      expect((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length, `${paper}: one page`).toBe(1);
      const box = pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/)!;
      expect(Math.round(Number(box[1]))).toBe(width);
      expect(Number(box[1])).toBeGreaterThan(Number(box[2]));
    }
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.wheel-legend')).toBeVisible();
    await expect(page.locator('.wheel-legend')).toContainText('Lärgruppsträffar');
    await expect(page.locator('.wheel-side')).toBeHidden();
    await page.emulateMedia({ media: 'screen' });

    const [svg] = await Promise.all([page.waitForEvent('download'), press(page.getByRole('button', { name: 'Spara som SVG' }), testInfo)]);
    expect(svg.suggestedFilename()).toBe('arshjul-2026-27.svg');
    const text = readFileSync((await svg.path())!, 'utf8');
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(text).toContain('Årshjul 2026/27');
    expect(text).toContain('<style>');
    expect((text.match(/class="activity/g) ?? []).length).toBeGreaterThan(10);
    const [png] = await Promise.all([page.waitForEvent('download'), press(page.getByRole('button', { name: 'Spara som PNG' }), testInfo)]);
    expect(png.suggestedFilename()).toBe('arshjul-2026-27.png');
    const bytes = readFileSync((await png.path())!);
    expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    // 2800 × 2000 pixels: the width and height in the PNG header.
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([2800, 2000]);
  });

  test('one activity downloads as an .ics file that a calendar reads', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    await page.goto('/arshjul/lista');
    await press(page.getByRole('button', { name: 'Lärgruppsträff 3', exact: true }), testInfo);
    const [file] = await Promise.all([page.waitForEvent('download'), press(page.getByRole('button', { name: 'Lägg till i kalendern (.ics)' }), testInfo)]);
    const { events } = parseCalendar(readFileSync((await file.path())!, 'utf8'));
    expect(events).toHaveLength(1);
    expect(events[0].summary).toBe('Lärgruppsträff 3');
    expect(events[0].startDate.toJSDate().toISOString()).toBe('2026-11-26T14:00:00.000Z');
  });

  test('the steering group links library material to an activity, and a teacher finds the activity from the item', async ({ page }, testInfo) => {
    test.setTimeout(60_000);
    const title = `Läsårsstart med material ${testInfo.project.name}`;
    const token = await apiToken(page, 'styrgrupp@demo.test');
    await makeActivity(page, token, 'study_days', { title, starts_on: '2026-08-18', ends_on: '2026-08-18' });
    await signIn(page, testInfo, 'styrgrupp@demo.test');
    await page.goto('/arshjul/lista');
    await press(page.getByRole('button', { name: title, exact: true }), testInfo);
    await press(page.locator('.wheel-details').getByRole('button', { name: 'Ändra' }), testInfo);
    const form = page.locator('form.activity-form');
    // Found by searching the library, added by the keyboard.
    const search = form.getByLabel('Sök material i biblioteket');
    await search.fill('exit tickets');
    await search.press('Enter');
    const add = form.getByRole('button', { name: /^Lägg till\s*: Exit tickets i matematik på lågstadiet$/ });
    await add.focus();
    await page.keyboard.press('Enter');
    await expect(form.locator('.prep-chosen')).toHaveText([/Exit tickets i matematik på lågstadiet/]);
    // What is chosen is not offered again, and the focus is back in the search.
    await expect(add).toHaveCount(0);
    await expect(search).toBeFocused();
    await expectAccessible(page, 'the activity form with library material');
    await press(form.getByRole('button', { name: 'Spara' }), testInfo);
    const details = page.locator('.wheel-details');
    await expect(details.getByRole('heading', { name: title })).toBeVisible();
    const link = details.getByRole('link', { name: 'Exit tickets i matematik på lågstadiet' });
    await expect(link).toBeVisible();
    await screenshot(page, testInfo, 'wheel-activity-material');

    // A teacher opens the item and finds where the wheel uses it, and follows it back.
    const href = (await link.getAttribute('href'))!;
    await signIn(page, testInfo, 'larare@demo.test');
    await page.goto(href);
    const used = page.getByRole('link', { name: title });
    await expect(used).toBeVisible();
    await expect(page.getByRole('definition').filter({ has: used })).toContainText('18 aug');
    await expectAccessible(page, 'an item used on the wheel');
    await screenshot(page, testInfo, 'item-used-on-wheel');
    await press(used, testInfo);
    await expect(page).toHaveURL(/\/arshjul\?ar=\d+&aktivitet=\d+$/);
    await expect(page.locator('.wheel-details').getByRole('heading', { name: title })).toBeVisible();
    await expect(page.locator('.wheel-details').getByRole('link', { name: 'Exit tickets i matematik på lågstadiet' })).toBeVisible();
  });
});
