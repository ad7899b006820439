import { expect, test, type Page } from '@playwright/test';
import { apiToken, expectAccessible, navigate, press, screenshot, signIn, tabTo } from '../helper';

/** The demo's ICT network's id and the address of one of its members (not the ICT strategist). */
async function network(page: Page, which: number): Promise<{ id: number; member: string }> {
  const token = await apiToken(page, 'ikt@demo.test');
  const headers = { Authorization: `Bearer ${token}` };
  const front = await (await page.request.get('/api/v1/networks', { headers })).json();
  const id = front.networks.find((n: { group: { name: string } }) => n.group.name === 'IKT-nätverk grundskolan').group.id;
  const group = await (await page.request.get(`/api/v1/groups/${id}`, { headers })).json();
  const members = group.members.filter((m: { email: string; schools: unknown[] }) => m.email !== 'ikt@demo.test' && m.schools.length > 0);
  return { id, member: members[which % members.length].email };
}

test.describe('networks', () => {
  test('a member submits a good example to the network and the ICT strategist approves it', async ({ page, browser }, testInfo) => {
    const ipad = testInfo.project.name.toLowerCase().includes('ipad');
    const title = ipad ? 'Formativ bedömning i klassrummet' : 'Återkoppling som för lärandet framåt';
    const { id, member } = await network(page, ipad ? 0 : 1);
    await signIn(page, testInfo, member);
    await navigate(page, testInfo, 'Nätverk');
    await expect(page.getByRole('heading', { level: 1, name: 'Nätverk' })).toBeVisible();
    const card = page.locator('.network-card').filter({ hasText: 'IKT-nätverk grundskolan' });
    await expect(card).toContainText(/\d+ goda exempel/);
    await expect(card).toContainText('Grundskola');
    await expect(page.getByRole('region', { name: 'Digitala verktyg' }).getByRole('rowheader', { name: 'Skolon' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Skolornas IKT-grupper' }).locator('.ict-notes li').first()).toBeVisible();
    await expectAccessible(page, 'the networks');
    await screenshot(page, testInfo, 'networks');

    await press(card.getByRole('link', { name: 'IKT-nätverk grundskolan' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'IKT-nätverk grundskolan' })).toBeVisible();
    const examples = page.getByRole('region', { name: 'Goda exempel' });
    await expect(examples).toContainText('Skrivstöd med talsyntes i svenska åk 4');
    await expect(page.getByRole('region', { name: 'Träffar' }).getByRole('link')).toHaveCount(1);

    // Nothing chosen: said beside the picker, in Swedish.
    const form = page.locator('form.example-form');
    await press(form.getByRole('button', { name: 'Skicka in', exact: true }), testInfo);
    await expect(form).toContainText('Välj minst ett material ur biblioteket.');
    await form.getByLabel('Sök material i biblioteket').fill(title);
    await press(form.getByRole('button', { name: 'Sök', exact: true }), testInfo);
    await press(form.locator('.prep-found li').filter({ hasText: title }).first().getByRole('button'), testInfo);
    await form.getByLabel('Varför är det ett gott exempel?').fill('Vi använde det i arbetslaget och eleverna fick syn på sitt lärande.');
    await expectAccessible(page, 'submitting a good example');
    await press(form.getByRole('button', { name: 'Skicka in', exact: true }), testInfo);
    await expect(form.getByRole('status')).toHaveText(/IKT-strategen granskar exemplet/);
    const mine = examples.locator('li.example').filter({ hasText: title });
    await expect(mine).toContainText('Väntar på granskning');
    await screenshot(page, testInfo, 'network');

    // The ICT strategist, in a browser of their own: declining needs a reason; approving takes it in.
    const ikt = await (await browser.newContext({ ...testInfo.project.use, baseURL: process.env.BASE_URL, locale: 'sv-SE' })).newPage();
    await signIn(ikt, testInfo, 'ikt@demo.test');
    await ikt.goto(`/natverk/${id}`);
    const waiting = ikt.getByRole('region', { name: 'Goda exempel' }).locator('li.example').filter({ hasText: title });
    await press(waiting.getByRole('button', { name: `Ta inte med ${title}` }), testInfo);
    await expect(waiting).toContainText('Skriv varför exemplet inte tas med');
    await expectAccessible(ikt, 'reviewing a good example');
    await press(waiting.getByRole('button', { name: `Godkänn ${title}` }), testInfo);
    await expect(waiting).not.toContainText('Väntar på granskning');
    await expect(waiting.getByRole('button', { name: `Godkänn ${title}` })).toHaveCount(0);

    // The member sees it approved.
    await page.reload();
    await expect(page.getByRole('region', { name: 'Goda exempel' }).locator('li.example').filter({ hasText: title })).not.toContainText('Väntar på granskning');
  });

  test('the ICT strategist adds a tool with the keyboard alone, and a principal writes their ICT group a note', async ({ page, browser }, testInfo) => {
    const name = `Polyglutt (${testInfo.project.name})`;
    await signIn(page, testInfo, 'ikt@demo.test');
    await page.goto('/natverk');
    const tools = page.getByRole('region', { name: 'Digitala verktyg' });
    await expect(tools.getByRole('rowheader')).not.toHaveCount(0);
    const add = tools.getByRole('button', { name: 'Lägg till ett verktyg' });
    await tabTo(page, add, 200);
    await page.keyboard.press('Enter');
    const form = page.locator('#tool-form');
    await expect(form).toBeInViewport();
    await expect(form.getByLabel('Verktyg', { exact: true })).toBeVisible();
    await tabTo(page, form.getByLabel('Verktyg', { exact: true }), 10);
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Digitala bilderböcker med inläsning på många språk.');
    await tabTo(page, form.getByRole('checkbox', { name: 'Förskola' }), 10);
    await page.keyboard.press('Space');
    await tabTo(page, form.getByLabel('Adress (https://…)'), 20);
    await page.keyboard.type('polyglutt.se');
    await tabTo(page, form.getByRole('button', { name: 'Spara verktyget' }), 5);
    await page.keyboard.press('Enter');
    // An address without https:// is refused, beside the field.
    await expect(form.locator('#field-url-error')).not.toBeEmpty();
    await form.getByLabel('Adress (https://…)').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('https://www.polyglutt.se');
    await tabTo(page, form.getByRole('button', { name: 'Spara verktyget' }), 5);
    await page.keyboard.press('Enter');
    await expect(tools.getByRole('status')).toHaveText('Verktyget är sparat.');
    const row = tools.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    await expect(row).toContainText('Förskola');
    await expect(row.getByRole('link', { name: `Öppna ${name}` })).toHaveAttribute('href', 'https://www.polyglutt.se');
    await expectAccessible(page, 'the tools');
    // Removed again, with the keyboard.
    await tabTo(page, row.getByRole('button', { name: `Ta bort ${name}` }), 200, true);
    await page.keyboard.press('Enter');
    await expect(tools.getByRole('rowheader', { name })).toHaveCount(0);

    // The principal writes a note in their school's ICT group.
    const rektor = await (await browser.newContext({ ...testInfo.project.use, baseURL: process.env.BASE_URL, locale: 'sv-SE' })).newPage();
    await signIn(rektor, testInfo, 'rektor@demo.test');
    await rektor.goto('/natverk');
    const own = rektor.locator('section.ict-group').filter({ has: rektor.getByText('Ändra IKT-gruppen') });
    await expect(own).toHaveCount(1);
    const text = `Arbetslagen fick en genomgång av Unikums lärlogg (${testInfo.project.name}).`;
    await own.getByLabel('Anteckning').fill(text);
    await press(own.getByRole('button', { name: 'Spara anteckningen' }), testInfo);
    await expect(own.getByRole('status').filter({ hasText: 'Anteckningen är sparad.' })).toBeVisible();
    await expect(own.locator('.ict-notes')).toContainText(text);
    await press(own.getByText('Ändra IKT-gruppen'), testInfo);
    await expect(own.getByLabel('Person')).toBeInViewport();
    await expectAccessible(rektor, 'an ICT group');
    await screenshot(rektor, testInfo, 'ict-group');
  });

  test('a member submits a good example and the ICT strategist approves it with the keyboard alone', async ({ page, browser }, testInfo) => {
    const ipad = testInfo.project.name.toLowerCase().includes('ipad');
    const title = ipad ? 'Sambedömning av elevtexter – upplägg för lärgruppen' : 'Bedömningar i praktiska ämnen';
    const { id, member } = await network(page, ipad ? 2 : 3);
    await signIn(page, testInfo, member);
    await page.goto(`/natverk/${id}`);
    const form = page.locator('form.example-form');
    const search = form.getByLabel('Sök material i biblioteket');
    await tabTo(page, search, 200);
    await page.keyboard.type(title);
    await page.keyboard.press('Enter');
    const add = form.locator('.prep-found li').filter({ hasText: title }).first().getByRole('button');
    await expect(add).toBeVisible();
    await tabTo(page, add, 10);
    await page.keyboard.press('Enter');
    await expect(form.locator('.prep-chosen')).toContainText(title);
    // The focus goes back to the search, not to nowhere.
    await expect(search).toBeFocused();
    await tabTo(page, form.getByLabel('Varför är det ett gott exempel?'), 20);
    await page.keyboard.type('Upplägget gjorde sambedömningen i arbetslaget snabb och likvärdig.');
    await tabTo(page, form.getByRole('button', { name: 'Skicka in', exact: true }), 10);
    await page.keyboard.press('Enter');
    await expect(form.getByRole('status')).toHaveText(/IKT-strategen granskar exemplet/);

    const ikt = await (await browser.newContext({ ...testInfo.project.use, baseURL: process.env.BASE_URL, locale: 'sv-SE' })).newPage();
    await signIn(ikt, testInfo, 'ikt@demo.test');
    await ikt.goto(`/natverk/${id}`);
    const waiting = ikt.getByRole('region', { name: 'Goda exempel' }).locator('li.example').filter({ hasText: title });
    await expect(waiting).toContainText('Väntar på granskning');
    await tabTo(ikt, waiting.getByRole('button', { name: `Godkänn ${title}` }), 200);
    await ikt.keyboard.press('Enter');
    await expect(waiting).not.toContainText('Väntar på granskning');
    await expect(waiting.getByRole('button', { name: `Godkänn ${title}` })).toHaveCount(0);
  });
});
