import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { apiToken, expectAccessible, press, screenshot, signIn } from '../helper';

// The demo teacher leads their learning group, so they both write a plan and may write
// the protocol. The iPad and the Chromebook run at once against one server: each uses
// meetings of its own.
const MEETINGS = {
  ipad: { protocol: '4 feb', plan: '6 maj', merge: '15 okt', live: '6 maj' },
  chromebook: { protocol: '18 mar', plan: '26 nov', merge: '10 sep', live: '26 nov' },
};

function mine(testInfo: TestInfo) {
  return MEETINGS[testInfo.project.name as keyof typeof MEETINGS];
}

async function openMeeting(page: Page, testInfo: TestInfo, day: string): Promise<void> {
  await page.goto('/traffar');
  await expect(page.getByRole('heading', { level: 1, name: 'Mina träffar' })).toBeVisible();
  const row = page.locator('.meeting-row').filter({ hasText: `${day}, 15:00–16:30` }).first();
  await press(row.getByRole('link'), testInfo);
  await expect(page.getByRole('heading', { level: 2, name: 'Dagordning (90 min)' })).toBeVisible();
}

const saveState = (page: Page, section: string) => page.locator(`section.${section} .save-state`);

test.describe('meetings', () => {
  test('the meeting page is arranged by what one does now, with jumps that scroll and focus', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    // A held meeting (the demo's September one): the protocol and the plan first.
    await openMeeting(page, testInfo, '10 sep');
    const jumps = page.getByRole('navigation', { name: 'Delar av sidan' });
    await expect(jumps.getByRole('link').first()).toHaveText('Protokoll');
    await expect(page.getByText('Jag har förberett mig')).toHaveCount(0);
    await press(jumps.getByRole('link', { name: 'Min handlingsplan' }), testInfo);
    const plan = page.getByRole('heading', { level: 2, name: 'Min handlingsplan' });
    await expect(plan).toBeFocused();
    await expect(plan).toBeInViewport();
    // On the Chromebook's width the page has two columns.
    if (page.viewportSize()!.width >= 1200) {
      const main = (await page.locator('.meeting-main').boundingBox())!;
      const side = (await page.locator('.meeting-side').boundingBox())!;
      expect(side.x).toBeGreaterThan(main.x + main.width - 1);
    }
    await expectAccessible(page, 'a held meeting');
    await screenshot(page, testInfo, 'meeting-held');
    // A link to a part of the page from elsewhere lands there with the focus.
    const url = new URL(page.url());
    await page.goto(`${url.pathname}#plan-heading`);
    await expect(plan).toBeFocused();
    await expect(plan).toBeInViewport();
    // A coming meeting of the group's own (no other test touches it): its question and
    // preparation first.
    const token = await apiToken(page, 'larare@demo.test');
    const headers = { Authorization: `Bearer ${token}` };
    const meetings = await (await page.request.get('/api/v1/meetings', { headers })).json();
    const learning = meetings.find((m: { start_time: string }) => m.start_time === '15:00');
    const day = testInfo.project.name === 'ipad' ? '2027-05-19' : '2027-05-26';
    const made = await page.request.post('/api/v1/meetings', {
      headers,
      data: { group_id: learning.group_id, starts_on: day, start_time: '15:00', end_time: '16:00', question: 'Hur visar vi lärandemålen?' },
    });
    expect(made.status()).toBe(201);
    await page.goto(`/traffar/${(await made.json()).id}`);
    await expect(jumps.getByRole('link').first()).toHaveText('Frågan');
    await expect(page.locator('.meeting-main section').first()).toContainText('Förberedelse');
  });

  test('a list that fails to load says why and loads on "Försök igen", never showing it as empty', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    let failing = true;
    await page.route('**/api/v1/meetings', async (route) => {
      if (failing) {
        await route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'unavailable', message: 'Tjänsten svarar inte just nu.', field: null } }),
        });
      } else {
        await route.continue();
      }
    });
    await page.goto('/traffar');
    const alert = page.locator('.load-error');
    await expect(alert).toContainText('Tjänsten svarar inte just nu.');
    await expect(page.getByRole('heading', { level: 2, name: 'Kommande träffar' })).toHaveCount(0);
    await expect(page.getByText('Inga träffar här.')).toHaveCount(0);
    await expectAccessible(page, 'a failed load');
    await screenshot(page, testInfo, 'load-error');
    failing = false;
    await press(alert.getByRole('button', { name: 'Försök igen' }), testInfo);
    await expect(page.getByRole('heading', { level: 2, name: 'Kommande träffar' })).toBeVisible();
    await expect(alert).toHaveCount(0);
  });

  test('a leader writes the protocol, it saves itself, and publishing makes it read-only', async ({ page }, testInfo) => {
    const { protocol } = mine(testInfo);
    await signIn(page, testInfo, 'larare@demo.test');
    await press(page.getByRole('link', { name: 'Träffar' }), testInfo);
    await expect(page.getByRole('heading', { level: 2, name: 'Kommande träffar' })).toBeVisible();
    await expectAccessible(page, 'the meetings list');
    await screenshot(page, testInfo, 'meetings');
    await openMeeting(page, testInfo, protocol);

    // The agenda is the 90-minute model, and the protocol's fields are those of the model.
    await expect(page.locator('ol.agenda > li')).toHaveCount(6);
    const section = page.locator('section.protocol');
    // A date is a date field; the disabled "Publicera" says why.
    await expect(section.getByLabel('Datum', { exact: true })).toHaveValue(/^202[67]-\d\d-\d\d$/);
    await expect(section.getByLabel('Datum', { exact: true })).toHaveAttribute('type', 'date');
    await expect(section.getByRole('button', { name: 'Publicera protokollet' })).toBeDisabled();
    await expect(section.locator('#publish-why')).toHaveText('Protokollet kan publiceras när något är skrivet och sparat.');
    const purpose = section.getByLabel('Syftet med träffen var …');
    await purpose.fill('att dela erfarenheter av exit tickets');
    // Saved a moment after typing pauses, without pressing anything.
    await expect(saveState(page, 'protocol')).toContainText(/Sparat \d\d:\d\d/);
    await section.getByLabel('Vi pratade om …').fill('hur eleverna svarar på frågor i slutet av lektionen');
    await section.getByLabel('Slutsatser/lärdomar …').fill('korta frågor ger bäst svar');
    await section.getByLabel('Slutsatser/lärdomar …').blur();
    await expect(saveState(page, 'protocol')).toContainText(/Sparat \d\d:\d\d/);
    await expectAccessible(page, 'the protocol being written');
    await screenshot(page, testInfo, 'protocol-editor');

    // After a reload the text is there: it was saved on the server.
    await page.reload();
    await expect(page.locator('section.protocol').getByLabel('Vi pratade om …')).toHaveValue('hur eleverna svarar på frågor i slutet av lektionen');

    await press(page.getByRole('button', { name: 'Publicera protokollet' }), testInfo);
    await expect(page.getByText('Efter publiceringen kan protokollet inte ändras')).toBeVisible();
    await press(page.getByRole('button', { name: 'Publicera och skicka' }), testInfo);
    const published = page.locator('section.protocol');
    await expect(published).toContainText('Publicerat');
    await expect(published.locator('.record-fields textarea')).toHaveCount(0);
    await expect(published.locator('dl.record')).toContainText('Slutsatser/lärdomar …');
    await expect(published.locator('dl.record')).toContainText('korta frågor ger bäst svar');

    // A later correction is kept beside it, with who made it.
    await published.getByLabel('Fält').selectOption({ label: 'Deltagare' });
    await published.getByLabel('Rättelse').fill('Alla i gruppen deltog.');
    await press(published.getByRole('button', { name: 'Lägg till rättelsen' }), testInfo);
    await expect(published.locator('.amendments li')).toHaveCount(1);
    await expect(published.locator('.amendments li')).toContainText('Deltagare: Alla i gruppen deltog.');
    await expectAccessible(page, 'the published protocol');
    await screenshot(page, testInfo, 'protocol-published');

    // The list shows it as published.
    await page.goto('/traffar');
    await expect(page.locator('.meeting-row').filter({ hasText: `${protocol}, 15:00` }).first()).toContainText('Protokoll publicerat');
  });

  test('a teacher writes a plan, loses the network mid-typing, and finds it saved when it is back', async ({ page, context }, testInfo) => {
    const { plan } = mine(testInfo);
    await signIn(page, testInfo, 'larare@demo.test');
    await openMeeting(page, testInfo, plan);
    const section = page.locator('section.plan');
    await expect(section.getByRole('heading', { name: 'Min handlingsplan' })).toBeVisible();
    // Before the meeting: the looking-back part, with the looking-forward part folded away.
    await expect(section.getByRole('group', { name: 'Tillbakablick – före träffen' })).toBeVisible();
    const learned = section.getByLabel('Av min insats har jag lärt mig att …');
    await expect(learned).toBeVisible();
    const focus = section.getByLabel('Ange en insats som du ska fokusera på till nästa möte');
    await expect(focus).toBeHidden();
    await learned.fill('eleverna svarar ärligare på lappar än i helklass');
    const later = section.locator('details.plan-later summary');
    await expect(later).toContainText('Framåtblick – efter träffen');
    await press(later, testInfo);
    await focus.fill('exit tickets varje fredag');
    await expect(saveState(page, 'plan')).toContainText(/Sparat \d\d:\d\d/);
    await expect(later).toContainText(/[1-6] av 6 besvarade/);

    // The network drops while typing: the text stays, marked as not saved yet.
    await context.setOffline(true);
    const helpers = section.getByLabel('Vem kan hjälpa dig?');
    await helpers.pressSequentially('Min kollega i 4B', { delay: 20 });
    await helpers.blur();
    await expect(saveState(page, 'plan')).toContainText('Inte sparat ännu');
    await expectAccessible(page, 'the plan while offline');
    await screenshot(page, testInfo, 'plan-offline');

    // Back online: it is sent by itself.
    await context.setOffline(false);
    await expect(saveState(page, 'plan')).toContainText(/Sparat \d\d:\d\d/, { timeout: 15_000 });
    await page.reload();
    await expect(learned).toHaveValue('eleverna svarar ärligare på lappar än i helklass');
    await press(later, testInfo);
    await expect(page.locator('section.plan').getByLabel('Vem kan hjälpa dig?')).toHaveValue('Min kollega i 4B');
    await expect(page.locator('section.plan').getByLabel('Ange en insats som du ska fokusera på till nästa möte')).toHaveValue('exit tickets varje fredag');

    // The plan is private until shared; the group's overview counts it.
    await expect(page.locator('.plan-people')).toContainText('Skriven');
    await page.locator('section.plan').getByLabel('Dela planen med gruppen').check();
    await expect(saveState(page, 'plan')).toContainText(/Sparat \d\d:\d\d/);
    await page.reload();
    await expect(page.locator('section.plan').getByLabel('Dela planen med gruppen')).toBeChecked();
    await expect(page.locator('.plan-people details summary').first()).toContainText('Delad plan:');

    // Min röda tråd: the year's plans as a timeline, this one among them with its meeting.
    await page.goto('/');
    await press(page.getByRole('link', { name: 'Min röda tråd: alla mina handlingsplaner' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Min röda tråd' })).toBeVisible();
    const entry = page.locator('.thread-entry').filter({ hasText: `${plan}, 15:00` });
    await expect(entry).toContainText('exit tickets varje fredag');
    await expect(entry).toContainText('Min kollega i 4B');
    // The demo's first two meetings are there too, in time order before it.
    expect(await page.locator('.thread-entry').count()).toBeGreaterThanOrEqual(3);
    await expect(page.locator('.thread-entry').first()).toContainText('10 sep');
    const download = page.waitForEvent('download');
    await press(page.getByRole('button', { name: 'Spara som text (Markdown)' }), testInfo);
    const file = await download;
    expect(file.suggestedFilename()).toBe('min-roda-trad.md');
    const fs = await import('node:fs/promises');
    const text = await fs.readFile((await file.path())!, 'utf-8');
    expect(text).toContain('# Min röda tråd');
    expect(text).toContain('exit tickets varje fredag');
    await expectAccessible(page, 'Min röda tråd');
    await screenshot(page, testInfo, 'red-thread');
  });

  test('two windows write the same plan: changes to different fields merge, the same field asks', async ({ browser }, testInfo) => {
    const { merge } = mine(testInfo);
    const options = { ...testInfo.project.use, baseURL: process.env.BASE_URL, locale: 'sv-SE' };
    const first = await (await browser.newContext(options)).newPage();
    const second = await (await browser.newContext(options)).newPage();
    for (const page of [first, second]) {
      await signIn(page, testInfo, 'larare@demo.test');
      await openMeeting(page, testInfo, merge);
    }
    const field = (page: Page, label: string) => page.locator('section.plan').getByLabel(label);
    // A held meeting: the looking-forward part first, what was written before it folded.
    await expect(first.locator('section.plan').getByRole('group', { name: 'Framåtblick – efter träffen' })).toBeVisible();
    await expect(first.locator('section.plan details.plan-later summary')).toContainText(/Tillbakablick – före träffen\s*\d av 2 besvarade/);
    await expect(field(first, 'Jag har sedan förra mötet provat att …')).toBeHidden();

    // Different fields: both are kept.
    await field(first, 'Vem kan hjälpa dig?').fill('skolbibliotekarien');
    await expect(saveState(first, 'plan')).toContainText(/Sparat/);
    await field(second, 'Vad ska du göra mindre av?').fill('långa genomgångar');
    await expect(saveState(second, 'plan')).toContainText(/Sparat/);
    await second.reload();
    await expect(field(second, 'Vem kan hjälpa dig?')).toHaveValue('skolbibliotekarien');
    await expect(field(second, 'Vad ska du göra mindre av?')).toHaveValue('långa genomgångar');

    // The same field: the later writer is asked, and nothing is overwritten silently.
    await field(first, 'Vem kan hjälpa dig?').fill('skolbibliotekarien och IKT-pedagogen');
    await expect(saveState(first, 'plan')).toContainText(/Sparat/);
    await field(second, 'Vem kan hjälpa dig?').fill('min mentor');
    const conflict = second.locator('section.plan .conflict');
    // The same person in two windows: said as it is, not as someone else.
    await expect(conflict).toContainText('Du ändrade det här fältet på en annan enhet samtidigt');
    await expect(conflict.locator('blockquote')).toHaveText('min mentor');
    await expect(field(second, 'Vem kan hjälpa dig?')).toHaveValue('skolbibliotekarien och IKT-pedagogen');
    await expectAccessible(second, 'the plan with a field to choose');
    await screenshot(second, testInfo, 'plan-conflict');
    await press(conflict.getByRole('button', { name: 'Använd min text' }), testInfo);
    await expect(saveState(second, 'plan')).toContainText(/Sparat/);
    await first.reload();
    await expect(field(first, 'Vem kan hjälpa dig?')).toHaveValue('min mentor');
    await expect(field(first, 'Vad ska du göra mindre av?')).toHaveValue('långa genomgångar');
  });

  test('a leader runs the meeting live, step by step with attendance, and a member follows along', async ({ page, browser }, testInfo) => {
    const { live } = mine(testInfo);
    // A member of the teacher's group who does not lead it.
    const token = await apiToken(page, 'larare@demo.test');
    const headers = { Authorization: `Bearer ${token}` };
    const meetings = await (await page.request.get('/api/v1/meetings', { headers })).json();
    // The learning group's meetings are at 15:00 (the leaders' group, which the teacher is
    // also in, meets at 13:00).
    const learning = meetings.find((m: { start_time: string }) => m.start_time === '15:00');
    const group = await (await page.request.get(`/api/v1/groups/${learning.group_id}`, { headers })).json();
    const colleague = group.members.find((m: { leader: boolean }) => !m.leader).email;

    await signIn(page, testInfo, 'larare@demo.test');
    await openMeeting(page, testInfo, live);
    await press(page.getByRole('link', { name: 'Öppna mötesvyn' }), testInfo);
    await expect(page.getByText('Mötet har inte börjat.')).toBeVisible();
    const liveUrl = page.url();

    const options = { ...testInfo.project.use, baseURL: process.env.BASE_URL, locale: 'sv-SE' };
    const follower = await (await browser.newContext(options)).newPage();
    await signIn(follower, testInfo, colleague);
    await follower.goto(liveUrl);
    await expect(follower.getByText('Mötet har inte börjat.')).toBeVisible();
    await expect(follower.getByRole('button', { name: 'Starta mötet' })).toHaveCount(0);

    await press(page.getByRole('button', { name: 'Starta mötet' }), testInfo);
    await expect(page.locator('.live-step')).toHaveText('Introduktion och mötesordning');
    await expect(page.locator('.live-clock')).toHaveText(/^[45]:\d\d$/);
    await expect(page.locator('.live-next')).toContainText('Så här har jag gjort');
    // The member's screen follows within a couple of seconds.
    await expect(follower.locator('.live-step')).toHaveText('Introduktion och mötesordning', { timeout: 2500 });

    // Attendance by tapping names; an absent documenter of the day is passed over.
    const documenter = page.locator('.live-documenter strong');
    const first = (await documenter.textContent())!.trim();
    const person = (name: string) => page.locator('button.attendee').filter({ hasText: name });
    await press(person(first), testInfo);
    await expect(person(first)).toContainText('Här');
    await press(person(first), testInfo);
    await expect(person(first)).toContainText('Frånvarande');
    await expect(documenter).not.toHaveText(first);
    await expect(follower.locator('.live-documenter strong')).not.toHaveText(first, { timeout: 2500 });
    await expectAccessible(page, 'the live meeting for the leader');
    await screenshot(page, testInfo, 'live-leader');

    // Pause holds the clock; then through every step to the end.
    await press(page.getByRole('button', { name: 'Pausa' }), testInfo);
    await expect(page.locator('.live-paused')).toHaveText('Pausad');
    const held = await page.locator('.live-clock').textContent();
    await page.waitForTimeout(1500);
    await expect(page.locator('.live-clock')).toHaveText(held!);
    await press(page.getByRole('button', { name: 'Fortsätt' }), testInfo);
    for (const title of ['Så här har jag gjort', 'Det här har jag lärt mig', 'Ny forskning och nya rön', 'Upprättande av personliga handlingsplaner', 'Vad gav mötet?']) {
      await press(page.getByRole('button', { name: 'Nästa punkt' }), testInfo);
      await expect(page.locator('.live-step')).toContainText(title);
    }
    await expect(page.locator('.live-next')).toHaveText('Sista punkten.');
    await expect(follower.locator('.live-step')).toContainText('Vad gav mötet?', { timeout: 2500 });
    await expectAccessible(follower, 'the live meeting for a member');
    await screenshot(follower, testInfo, 'live-member');
    // Ending asks first, and says whose attendance is still unmarked.
    await press(page.getByRole('button', { name: 'Avsluta mötet' }), testInfo);
    const confirm = page.getByRole('group', { name: 'Avsluta mötet?' });
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText('har ingen markerad närvaro');
    await expect(page.getByRole('button', { name: 'Ja, avsluta' })).toBeFocused();
    await expect(confirm).toBeInViewport();
    await expectAccessible(page, 'ending the live meeting');
    await press(page.getByRole('button', { name: 'Nej, fortsätt' }), testInfo);
    await expect(confirm).toHaveCount(0);
    await expect(page.locator('.live-step')).toContainText('Vad gav mötet?');
    await press(page.getByRole('button', { name: 'Avsluta mötet' }), testInfo);
    await press(page.getByRole('button', { name: 'Ja, avsluta' }), testInfo);
    await expect(page.getByRole('heading', { name: 'Mötet är avslutat' })).toBeVisible();
    await expect(follower.getByRole('heading', { name: 'Mötet är avslutat' })).toBeVisible({ timeout: 2500 });
    // The leader goes on to the protocol, the member to their plan; starting again is
    // no longer the main button.
    await expect(page.getByRole('link', { name: 'Skriv protokollet' })).toHaveAttribute('href', /#protocol-heading$/);
    await expect(follower.getByRole('link', { name: 'Skriv din handlingsplan' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Starta om' })).not.toHaveClass(/button-primary/);
    await screenshot(page, testInfo, 'live-ended');
    await page.goto('/traffar');
    // Held: "Genomförd", or "Protokoll saknas" once its day is more than two days past.
    await expect(page.locator('.meeting-row').filter({ hasText: `${live}, 15:00` }).first()).toContainText(/Genomförd|Protokoll saknas/);
  });

  test('an administrator sees the outgoing mail of published protocols', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'admin@demo.test');
    await page.goto('/admin');
    await press(page.getByRole('link', { name: 'Utgående e-post' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Utgående e-post' })).toBeVisible();
    // The demo's browser tests run without a mail server: that is said plainly.
    await expect(page.getByText('Ingen e-postserver är inställd')).toBeVisible();
    const rows = page.locator('table.outbox tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    // The demo's protocols were sent; one published by another test meanwhile waits.
    await expect(rows.filter({ hasText: 'Skickat' }).first()).toContainText('Protokoll:');
    await expectAccessible(page, 'the outbox');
    await screenshot(page, testInfo, 'outbox');
  });
});
