import { expect, test } from '@playwright/test';
import { apiToken, expectAccessible, press, screenshot, signIn, tabTo } from '../helper';

test.describe('follow-up', () => {
  test('the steering group follows up, filters to a school and follows a missing protocol to its meeting', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'styrgrupp@demo.test');
    await page.goto('/traffar');
    await press(page.getByRole('link', { name: 'Uppföljning' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Uppföljning' })).toBeVisible();
    await expect(page.getByText('Du ser hela kommunen.')).toBeVisible();
    // The demo's November slot: most groups held it, some owe the protocol.
    await expect(page.locator('.followup-tiles')).toContainText('protokoll saknas');
    // Each chart is a picture named by its sentence, beside a table with headers.
    const chart = page.getByRole('img', { name: /andelen närvarande av skolans lärare/ });
    await expect(chart).toBeVisible();
    const schools = page.getByRole('table', { name: 'Per skola', exact: true });
    await expect(schools.getByRole('columnheader', { name: 'Närvaro' })).toBeVisible();
    expect(await schools.getByRole('rowheader').count()).toBeGreaterThan(1);
    await expect(page.getByRole('table', { name: 'Per grupp' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Över läsårets träffar' })).toContainText('26 nov');
    await expectAccessible(page, 'the follow-up');
    await screenshot(page, testInfo, 'followup');

    // One school, from the filter: the address says so, and only its line remains.
    const school = page.getByLabel('Skola', { exact: true });
    await tabTo(page, school);
    const name = (await school.locator('option').nth(1).textContent())!.trim();
    await school.selectOption({ label: name });
    await expect(page).toHaveURL(/school=\d+/);
    await expect(schools.getByRole('rowheader')).toHaveCount(1);
    await expect(schools.getByRole('rowheader')).toHaveText(name);
    // The school's teachers with goals and målsamtal: its line alone as well.
    const goals = page.getByRole('table', { name: 'Mål och målsamtal per skola' });
    await expect(goals.getByRole('rowheader')).toHaveCount(1);
    await expect(goals.getByRole('rowheader')).toHaveText(name);

    // Drill down to a group, then to a meeting whose protocol is missing.
    await page.goto('/uppfoljning');
    const missing = page.locator('.followup-missing a').first();
    await expect(missing).toBeVisible();
    await press(missing, testInfo);
    await expect(page).toHaveURL(/\/traffar\/\d+$/);
    await expect(page.locator('.lead .badge')).toHaveText('Protokoll saknas');
    await expectAccessible(page, 'a meeting whose protocol is missing');
  });

  test('a group drills down to its meetings, each with its state', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'styrgrupp@demo.test');
    await page.goto('/uppfoljning?kind=largrupp');
    const groups = page.getByRole('table', { name: 'Per grupp' });
    await press(groups.getByRole('rowheader').first().getByRole('link'), testInfo);
    await expect(page).toHaveURL(/group=\d+/);
    await expect(page).toHaveURL(/kind=largrupp/);
    const meetings = page.getByRole('table', { name: /./ }).filter({ has: page.getByRole('columnheader', { name: 'Läge' }) });
    await expect(meetings.locator('tbody tr').first()).toBeVisible();
    await expect(meetings).toContainText('Protokoll publicerat');
    await expectAccessible(page, 'one group in the follow-up');
  });

  test('a teacher sees their own figures, and nothing of others', async ({ page }, testInfo) => {
    // A member of the demo teacher's group who leads none.
    const token = await apiToken(page, 'larare@demo.test');
    const headers = { Authorization: `Bearer ${token}` };
    const mine = await (await page.request.get('/api/v1/groups/mine', { headers })).json();
    const learning = mine.groups.find((g: { kind: string }) => g.kind === 'largrupp');
    const member = learning.members.find((m: { leader: boolean }) => !m.leader).email;
    await signIn(page, testInfo, member);
    await page.goto('/uppfoljning');
    await expect(page.getByText('Du ser dina egna siffror.')).toBeVisible();
    await expect(page.getByText(/Du har skrivit \d+ av \d+ handlingsplaner\./)).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Exportera CSV' })).toHaveCount(0);
    await expectAccessible(page, 'a teacher\'s own follow-up');
  });

  test('the documenter of the day reaches the protocol they owe from "Att göra"', async ({ page }, testInfo) => {
    const steering = await apiToken(page, 'styrgrupp@demo.test');
    const headers = { Authorization: `Bearer ${steering}` };
    const figures = await (await page.request.get('/api/v1/follow-up', { headers })).json();
    // One missing protocol per project, so the two do not meet.
    const index = testInfo.project.name === 'ipad' ? 0 : 1;
    const missing = figures.missing[index];
    const meeting = await (await page.request.get(`/api/v1/meetings/${missing.meeting_id}`, { headers })).json();
    const group = await (await page.request.get(`/api/v1/groups/${missing.group_id}`, { headers })).json();
    const who = meeting.documenter_id ?? group.next_documenter;
    const email = group.members.find((m: { id: number }) => m.id === who).email;

    await signIn(page, testInfo, email);
    const todo = page.getByRole('region', { name: 'Att göra' });
    await expect(todo).toBeVisible();
    // "Att göra" comes first, before the person's details.
    const headings = await page.locator('main h2').allTextContents();
    expect(headings[0]).toBe('Att göra');
    expect(headings.indexOf('Om dig')).toBeGreaterThan(0);
    const owed = todo.getByRole('link', { name: new RegExp(`Skriv protokollet från ${missing.group_name}`) });
    await expect(owed).toBeVisible();
    await expectAccessible(page, 'the start page with things to do');
    await screenshot(page, testInfo, 'home-todo');
    await press(owed, testInfo);
    await expect(page).toHaveURL(new RegExp(`/traffar/${missing.meeting_id}#protocol-heading$`));
    await expect(page.getByRole('heading', { name: 'Protokoll', exact: true })).toBeInViewport();
  });

  test('a group page shows its meetings\' states and links to them', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    await page.goto('/grupper/mina');
    const published = page.locator('.meeting-list li').filter({ hasText: '10 sep' }).first();
    await expect(published.locator('.badge')).toHaveText('Protokoll publicerat');
    await press(published.getByRole('link'), testInfo);
    await expect(page).toHaveURL(/\/traffar\/\d+$/);
    await expect(page.locator('.lead .badge')).toHaveText('Protokoll publicerat');
  });

  test('a person turns reminders off in the profile', async ({ page }, testInfo) => {
    const email = testInfo.project.name === 'ipad' ? 'rektor@demo.test' : 'forskare@demo.test';
    await signIn(page, testInfo, email);
    await page.goto('/profil');
    const box = page.getByLabel('Påminn mig med e-post om protokoll som saknas');
    await expect(box).toBeChecked();
    await tabTo(page, box);
    await page.keyboard.press('Space');
    await expect(page.getByRole('status').filter({ hasText: 'Sparat.' })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Påminn mig med e-post om protokoll som saknas')).not.toBeChecked();
    await expectAccessible(page, 'the profile with reminders');
  });
});
