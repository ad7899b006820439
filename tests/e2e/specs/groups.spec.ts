import { readFileSync } from 'fs';
import { expect, test, type TestInfo } from '@playwright/test';
import { apiToken, drag, expectAccessible, press, screenshot, signIn, navigate, openMore } from '../helper';

/** Each device works in a school year of its own, so the two runs never meet. */
function yearFor(testInfo: TestInfo): number {
  return testInfo.project.name === 'ipad' ? 2030 : 2032;
}

test.describe('forming and editing learning groups', () => {
  test('the steering group forms the groups of a new year, previews other bounds and saves', async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    const year = yearFor(testInfo);
    const name = `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
    await signIn(page, testInfo, 'styrgrupp@demo.test');
    await navigate(page, testInfo, 'Grupper');
    await expect(page.getByRole('heading', { level: 1, name: 'Grupper' })).toBeVisible();
    // This year's bounds, which forming another year must leave alone.
    const thisYear = (await page.locator('h2.roster-year').textContent())!;
    await press(page.getByRole('link', { name: 'Bilda lärgrupper' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Bilda lärgrupper' })).toBeVisible();
    // With several years, the select shows the year the page forms.
    const forming = page.locator('.formation-form h2');
    await expect(forming).toHaveText(/^Läsår /);
    if (await page.locator('#formation-year').count()) {
      const shown = await page.locator('#formation-year option:checked').textContent();
      await expect(forming).toHaveText(`Läsår ${shown}`);
    }

    // A school year with a spring term before the autumn is refused, naming the field.
    await press(page.locator('summary', { hasText: 'Lägg till ett läsår' }), testInfo);
    await page.getByLabel('Läsårets namn').fill(name);
    await page.getByLabel('Höstterminen börjar').fill(`${year}-08-17`);
    await page.getByLabel('Vårterminen börjar').fill(`${year}-01-08`);
    await page.getByLabel('Läsåret slutar').fill(`${year + 1}-06-12`);
    await press(page.getByRole('button', { name: 'Lägg till ett läsår' }), testInfo);
    await expect(page.locator('#field-spring_starts_on-error')).toContainText('Vårterminen');
    await page.getByLabel('Vårterminen börjar').fill(`${year + 1}-01-08`);
    // A century is no school year, at the field, before anything is sent.
    await page.getByLabel('Läsåret slutar').fill(`${year + 100}-06-12`);
    await press(page.getByRole('button', { name: 'Lägg till ett läsår' }), testInfo);
    await expect(page.locator('#field-ends_on-error')).toContainText('högst ett år');
    // Nor one that shares days with the demo year 2026/27 (the server knows the others).
    await page.getByLabel('Höstterminen börjar').fill('2027-06-01');
    await page.getByLabel('Vårterminen börjar').fill('2028-01-08');
    await page.getByLabel('Läsåret slutar').fill('2028-05-31');
    await press(page.getByRole('button', { name: 'Lägg till ett läsår' }), testInfo);
    await expect(page.locator('#field-starts_on-error')).toContainText('överlappar');
    await page.getByLabel('Höstterminen börjar').fill(`${year}-08-17`);
    await page.getByLabel('Vårterminen börjar').fill(`${year + 1}-01-08`);
    await page.getByLabel('Läsåret slutar').fill(`${year + 1}-06-12`);
    await press(page.getByRole('button', { name: 'Lägg till ett läsår' }), testInfo);
    await expect(page.getByRole('heading', { level: 2, name: `Läsår ${name}` })).toBeVisible();
    // The form closes and says what was added; the select shows the new year.
    await expect(page.getByRole('status').filter({ hasText: `Läsåret ${name} har lagts till.` })).toBeVisible();
    await expect(page.getByLabel('Läsårets namn')).toBeHidden();
    await expect(page.locator('#formation-year option:checked')).toHaveText(name);

    // Everyone is new this year: the preview places every teacher and keeps the mix rule.
    // (The bounds start as last saved, which another test may have changed.)
    await page.getByLabel('Minst per grupp').fill('10');
    await page.getByLabel('Högst per grupp').fill('15');
    const facts = page.locator('.formation-summary');
    await expect(facts).toContainText('Regeln håller');
    const groupsAt = async () => Number((await facts.locator('dd').first().textContent())!.split(' ')[0]);
    const wide = await groupsAt();
    expect(wide).toBeGreaterThan(5);
    await expectAccessible(page, 'the formation preview');
    await screenshot(page, testInfo, 'formation-preview');

    // Lilla Edet's 7–10: smaller groups, so more of them, at once.
    await page.getByLabel('Minst per grupp').fill('7');
    await page.getByLabel('Högst per grupp').fill('10');
    await expect.poll(groupsAt).toBeGreaterThan(wide);
    // A lower bound above the upper names the field and offers nothing to save.
    await page.getByLabel('Minst per grupp').fill('12');
    await expect(page.locator('#formation-max-error')).not.toBeEmpty();
    await expect(page.getByRole('button', { name: 'Spara lärgrupperna' })).toBeDisabled();
    await page.getByLabel('Minst per grupp').fill('7');
    const planned = await groupsAt();

    // Each placement shows why: in a group drawn from several schools, that it mixes them.
    const mixed = page.locator('.planned-group').filter({ hasText: /· ([2-9]|\d\d) skolor/ }).first();
    await press(mixed.locator('summary'), testInfo);
    await expect(mixed.locator('.planned-members .reason').first()).toContainText('fler skolor i gruppen');

    await press(page.getByRole('button', { name: 'Spara lärgrupperna' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Grupper' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(`Läsår ${name} · 7–10`) })).toBeVisible();
    await expect(page.locator('.roster-group')).toHaveCount(planned);
    // This year's bounds are as they were.
    await page.getByLabel('Läsår', { exact: true }).selectOption({ label: thisYear.split(' ')[1] });
    await expect(page.locator('h2.roster-year')).toHaveText(thisYear);
    await page.getByLabel('Läsår', { exact: true }).selectOption({ label: name });
    await expect(page.locator('.roster-group')).toHaveCount(planned);
    // A member's name and school read as two words, not "Greta HedlundEkbackeskolan".
    const member = page.locator('.roster-member').first();
    const [who, where] = [await member.locator('.member-name').textContent(), await member.locator('.member-detail').textContent()];
    expect(await member.textContent()).toContain(`${who} ${where}`);
    await expectAccessible(page, 'the roster after the formation');
    await screenshot(page, testInfo, 'roster-formed');

    // The steering group decides about a group: merged into another, it ends.
    const cards = page.locator('.roster-group');
    const first = (await cards.nth(0).locator('h3').textContent())!.trim();
    const second = (await cards.nth(1).locator('h3').textContent())!.trim();
    await press(cards.nth(0).getByRole('button', { name: `Slå ihop ${first}` }), testInfo);
    await expect(page.getByLabel('Slå ihop med gruppen')).toBeFocused();
    await page.getByLabel('Slå ihop med gruppen').selectOption({ label: second });
    await press(page.getByRole('button', { name: 'Slå ihop', exact: true }), testInfo);
    await expect(page.locator('.flash')).toHaveText(`${first} slogs ihop med ${second}.`);
    await expect(cards).toHaveCount(planned - 1);
  });

  test('the steering group moves a teacher by drag and by the "Flytta" menu, and a stale move is refused', async ({ page, browser }, testInfo) => {
    test.setTimeout(90_000);
    await signIn(page, testInfo, 'styrgrupp@demo.test');
    // The demo year's roster, filtered to one subject so that the groups fit the screen.
    await page.goto('/grupper');
    await page.getByLabel('Typ av grupp').selectOption({ label: 'Lärgrupp' });
    const subject = testInfo.project.name === 'ipad' ? 'Svenska 4–9' : 'F–3';
    await page.getByLabel('Sök grupp eller person').fill(subject);
    const cards = page.locator('.roster-group');
    await expect(cards).toHaveCount(2);
    const [source, target] = [cards.nth(0), cards.nth(1)];
    const sourceName = (await source.locator('h3').textContent())!.trim();
    const targetName = (await target.locator('h3').textContent())!.trim();
    const member = source.locator('.roster-member').last();
    const who = (await member.locator('.member-name').textContent())!.replace('Ledare', '').trim();

    // By drag: a finger on the iPad, the mouse on the Chromebook.
    await drag(page, testInfo, member.locator('.drag-handle'), target);
    await expect(page.locator('.flash')).toHaveText(`${who} flyttades till ${targetName}.`);
    await expect(target.locator('.member-name', { hasText: who })).toBeVisible();
    await screenshot(page, testInfo, 'roster-dragged');

    // By the keyboard: "Flytta …", choose the group, confirm; and back again.
    const back = target.locator('.roster-member', { hasText: who });
    await back.getByRole('button', { name: `Flytta ${who}` }).focus();
    await page.keyboard.press('Enter');
    const menu = page.getByLabel(`Flytta ${who} till`);
    await expect(menu).toBeFocused();
    // Arrow keys through the groups until the one the teacher came from.
    await page.keyboard.press('Home');
    for (let i = 0; i < 40; i++) {
      if ((await menu.locator('option:checked').textContent()) === sourceName) break;
      await page.keyboard.press('ArrowDown');
    }
    await expect(menu.locator('option:checked')).toHaveText(sourceName);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Flytta', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('.flash')).toHaveText(`${who} flyttades till ${sourceName}.`);
    await expect(source.locator('.member-name', { hasText: who })).toBeVisible();
    await expectAccessible(page, 'the roster with a move menu');

    // Someone else moves a teacher meanwhile: this page's next move is refused, not applied.
    const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: { width: 1366, height: 768 } });
    const otherPage = await other.newPage();
    await signIn(otherPage, testInfo, 'admin@demo.test');
    await otherPage.goto('/grupper');
    await otherPage.getByLabel('Sök grupp eller person').fill(subject);
    const otherMember = otherPage.locator('.roster-group').nth(0).locator('.roster-member').first();
    const otherWho = (await otherMember.locator('.member-name').textContent())!.replace('Ledare', '').trim();
    await otherMember.getByRole('button', { name: `Flytta ${otherWho}` }).click();
    await otherPage.getByLabel(`Flytta ${otherWho} till`).selectOption({ label: targetName });
    await otherPage.getByRole('button', { name: 'Flytta', exact: true }).click();
    await expect(otherPage.locator('.flash')).toContainText('flyttades till');
    await other.close();

    const stale = source.locator('.roster-member').last();
    const staleWho = (await stale.locator('.member-name').textContent())!.replace('Ledare', '').trim();
    await drag(page, testInfo, stale.locator('.drag-handle'), target);
    await expect(page.getByRole('alert').filter({ hasText: 'ändrat' })).toBeVisible();
    // The roster was reloaded and shows the other person's move; the stale one did not happen.
    await expect(target.locator('.member-name', { hasText: otherWho })).toBeVisible();
    await expect(source.locator('.member-name', { hasText: staleWho })).toBeVisible();
  });

  test('the roster prints on A4 and exports CSV for Excel', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'styrgrupp@demo.test');
    await page.goto('/grupper');
    await expect(page.locator('.roster-group').first()).toBeVisible();
    const downloading = page.waitForEvent('download');
    await press(page.getByRole('button', { name: 'Exportera CSV' }), testInfo);
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('lärgrupper-2026-27.csv');
    const path = await download.path();
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)], 'starts with a byte order mark for Excel').toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain(';');

    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Skriv ut' })).toBeHidden();
    await expect(page.locator('.roster-group').first()).toBeVisible();
    await screenshot(page, testInfo, 'roster-print');
  });
});

test.describe('groups made by hand', () => {
  test('the steering group makes a project group, adds members, names a process leader and removes one', async ({ page }, testInfo) => {
    test.setTimeout(60_000);
    const name = `Läsfrämjande projekt ${testInfo.project.name}`;
    await signIn(page, testInfo, 'styrgrupp@demo.test');
    await page.goto('/grupper');
    await press(page.getByRole('button', { name: 'Ny grupp' }), testInfo);
    // A name is required, and the form says so beside the field.
    await press(page.getByRole('button', { name: 'Skapa gruppen' }), testInfo);
    await expect(page.locator('#field-name-error')).not.toBeEmpty();
    await page.getByLabel('Namn', { exact: true }).fill(name);
    await page.getByLabel('Beskrivning').fill('Lärare från flera skolor prövar läsfrämjande arbetssätt.');
    await press(page.getByRole('button', { name: 'Skapa gruppen' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByText('Projektgrupp', { exact: true })).toBeVisible();

    const search = page.getByLabel('Sök person att lägga till');
    for (const who of ['Åsa', 'Bertil']) {
      await search.fill(who);
      const add = page.getByRole('button', { name: new RegExp(`^Lägg till ${who}`) }).first();
      const label = (await add.getAttribute('aria-label'))!;
      await press(add, testInfo);
      const added = label.replace('Lägg till ', '');
      await expect(page.locator('.member-table').getByText(added)).toBeVisible();
    }
    const members = await page.locator('.member-table tbody tr td:first-child').allTextContents();
    expect(members).toHaveLength(2);

    // The first becomes the process leader.
    await press(page.getByLabel(new RegExp(`^${members[0]} \\(`)), testInfo);
    await press(page.getByRole('button', { name: 'Spara', exact: true }), testInfo);
    await expect(page.locator('.flash')).toHaveText('Sparat.');
    await expect(page.locator('dt', { hasText: 'Processledare' }).locator('xpath=following-sibling::dd[1]')).toHaveText(members[0]);
    await expectAccessible(page, 'a project group being edited');

    await press(page.getByRole('button', { name: `Ta bort ${members[1]}` }), testInfo);
    await expect(page.locator('.member-table tbody tr')).toHaveCount(1);
    await screenshot(page, testInfo, 'project-group');
  });
});

test.describe('who reads the roster', () => {
  test('a teacher has no roster in the menu, is told so on its page, and reads another group without addresses', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    await expect((await openMore(page, testInfo)).getByRole('link', { name: 'Grupper', exact: true })).toHaveCount(0);
    const refused = page.waitForResponse((r) => /\/api\/v1\/groups(\?|$)/.test(r.url()), { timeout: 2000 }).catch(() => null);
    await page.goto('/grupper');
    await expect(page.getByRole('alert').filter({ hasText: 'Din roll har inte behörighet' })).toBeVisible();
    expect(await refused, 'the page asks for no roster').toBeNull();
    await expectAccessible(page, 'the roster refused to a teacher');
    // The directory links a colleague's groups; one of them opens with names only.
    const token = await apiToken(page, 'larare@demo.test');
    const mine = await (await page.request.get('/api/v1/groups/mine', { headers: { authorization: `Bearer ${token}` } })).json();
    const own = new Set(mine.groups.map((g: { id: number }) => g.id));
    const steering = await apiToken(page, 'styrgrupp@demo.test');
    const roster = await (await page.request.get('/api/v1/groups', { headers: { authorization: `Bearer ${steering}` } })).json();
    const other = roster.groups.find((g: { id: number; kind: string }) => g.kind === 'largrupp' && !own.has(g.id));
    const read = await (await page.request.get(`/api/v1/groups/${other.id}`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(read.members.length).toBeGreaterThan(0);
    expect(read.members.every((m: { email: string | null }) => m.email === null)).toBe(true);
    await page.goto(`/grupper/${other.id}`);
    await expect(page.getByRole('heading', { level: 1, name: other.name })).toBeVisible();
    await expect(page.locator('body')).toContainText(read.members[0].name);
    await expectAccessible(page, 'another group read by a teacher');
  });

  test('a principal is led to the school roster, not the whole one', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'rektor@demo.test');
    await navigate(page, testInfo, 'Grupper');
    await expect(page).toHaveURL(/\/grupper\/skola$/);
  });
});

test.describe('my groups', () => {
  test('a teacher sees their groups, leader, members and who documents next', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    await press(page.getByRole('link', { name: 'Mina grupper' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Mina grupper' })).toBeVisible();
    await expect(page.getByText('Läsår 2026/27')).toBeVisible();
    const card = page.locator('.group-card').filter({ hasText: 'Lärgrupp ·' }).first();
    await expect(card).toBeVisible();
    await expect(card.locator('dt', { hasText: 'Ledare' })).toBeVisible();
    await expect(card.locator('dt', { hasText: 'Dokumenterar nästa träff' })).toBeVisible();
    // The year's meeting slots from the wheel.
    await expect(card.locator('.group-meetings')).toContainText('Träffar enligt årshjulet');
    await expect(card.locator('.meeting-list li')).toHaveCount(6);
    await expect(card.locator('.meeting-list li').first()).toContainText('10 sep, 15:00–16:30 Lärgruppsträff 1');
    // Each meeting is a link to its page.
    const first = card.locator('.meeting-list li').first().getByRole('link', { name: /Lärgruppsträff 1/ });
    await expect(first).toHaveAttribute('href', /^\/traffar\/\d+$/);
    // Members come from several schools.
    const schools = await card.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(new Set(schools).size).toBeGreaterThan(1);
    await expectAccessible(page, 'Mina grupper');
    await screenshot(page, testInfo, 'my-groups');
    // And in English.
    await press(page.getByRole('button', { name: 'English' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'My groups' })).toBeVisible();
    await expect(page.locator('.group-card dt', { hasText: 'Documents the next meeting' }).first()).toBeVisible();
  });

  test('a leader skips an absent documenter and reorders the rotation', async ({ page }, testInfo) => {
    // The teacher leads their learning group; on the Chromebook the steering group edits the principals' group instead.
    const ipad = testInfo.project.name === 'ipad';
    await signIn(page, testInfo, ipad ? 'larare@demo.test' : 'styrgrupp@demo.test');
    await page.goto('/grupper/mina');
    const card = page.locator('.group-card').filter({ hasText: ipad ? 'Lärgrupp ·' : 'Rektorsgrupp 2026/27' }).first();
    await press(card.locator('h2 a'), testInfo);
    await expect(page.getByRole('heading', { level: 2, name: 'Dokumentatör' })).toBeVisible();
    const next = page.locator('.next-documenter');
    await expect(next).toContainText('Nästa dokumentatör:');
    const first = (await next.textContent())!.replace('Nästa dokumentatör:', '').trim();
    await press(page.getByLabel(first, { exact: true }), testInfo);
    await expect(next).not.toContainText(first);
    await expectAccessible(page, 'the group page');

    // Move the first person down a place and save; the order shows the change after a reload.
    const rotation = page.locator('.rotation-list li');
    const before = (await rotation.nth(0).locator('.rotation-name').textContent())!.trim();
    await press(page.getByRole('button', { name: `Flytta ned ${before}` }), testInfo);
    await expect(rotation.nth(1).locator('.rotation-name')).toHaveText(before);
    await press(page.getByRole('button', { name: 'Spara turordningen' }), testInfo);
    await expect(page.locator('.flash')).toHaveText('Sparat.');
    await page.reload();
    await expect(page.locator('.rotation-list li').nth(1).locator('.rotation-name')).toHaveText(before);
    // And back, so that the demo stays as it was.
    await press(page.getByRole('button', { name: `Flytta upp ${before}` }), testInfo);
    await press(page.getByRole('button', { name: 'Spara turordningen' }), testInfo);
    await expect(page.locator('.flash')).toHaveText('Sparat.');
    await screenshot(page, testInfo, 'group-page');
  });

  test('a principal sees which groups the school\'s teachers are in', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'rektor@demo.test');
    await navigate(page, testInfo, 'Grupper');
    await expect(page.getByRole('heading', { level: 1, name: 'Grupper per skola' })).toBeVisible();
    // The page names the principal's school.
    await expect(page.getByRole('heading', { level: 2, name: 'Tallåsskolan' })).toBeVisible();
    const rows = page.locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    await expect(rows.first().locator('td').nth(2)).toContainText('Lärgrupp');
    await expectAccessible(page, 'the principal\'s roster');
    await screenshot(page, testInfo, 'school-roster');
  });
});
