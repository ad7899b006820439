import { expect, test } from '@playwright/test';
import { apiToken, expectAccessible, press, screenshot, signIn, tabTo } from '../helper';

test.describe('goals', () => {
  test('a teacher writes a goal of their own serving the school\'s goal, and follows it up', async ({ page }, testInfo) => {
    const title = `Jag ska låta eleverna förklara sina lösningar (${testInfo.project.name})`;
    await signIn(page, testInfo, 'larare@demo.test');
    await press(page.getByRole('link', { name: 'Mål, målsamtal och resultat' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Mål' })).toBeVisible();
    // The chain: the municipality's goals with the schools' beneath, counted.
    const chain = page.locator('.goal-municipality').filter({ hasText: 'Fler elever ska bli behöriga till gymnasiet' });
    await expect(chain).toContainText('Tallåsskolan');
    await expect(chain).toContainText(/\d+ lärarmål bidrar/);
    await expectAccessible(page, 'the goals page');
    await screenshot(page, testInfo, 'goals');

    // With the keyboard alone on the Chromebook, by touch on the iPad.
    const add = page.getByRole('button', { name: 'Nytt eget mål' });
    if (testInfo.project.use.hasTouch) {
      await press(add, testInfo);
    } else {
      await tabTo(page, add);
      await page.keyboard.press('Enter');
    }
    const form = page.getByRole('form', { name: 'Nytt eget mål' });
    await expect(form).toBeInViewport();
    // Nothing filled in: each field says what is missing, in Swedish.
    await press(form.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(form.locator('#field-title-error')).toHaveText('Fältet måste fyllas i.');
    await expect(form.locator('#field-serves-error')).not.toBeEmpty();
    await form.getByLabel('Mål', { exact: true }).fill(title);
    await form.getByLabel('Skolmål som ditt mål bidrar till').selectOption({ index: 1 });
    await form.getByLabel('Underlag', { exact: true }).fill('Elevernas förklaringar i mina exit tickets.');
    await expectAccessible(page, 'the new goal form');
    await press(form.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(page.getByText('Målet är sparat.')).toBeVisible();
    const mine = page.getByRole('region', { name: 'Mina mål' });
    await press(mine.getByRole('link', { name: title }), testInfo);

    // The goal's page: what it serves, and its follow-up.
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.locator('.goal-facts')).toContainText('Bidrar till');
    const note = page.getByRole('form', { name: 'Skriv uppföljning' });
    await note.getByLabel('Ny status').selectOption({ label: 'Pågår' });
    await note.getByLabel('Vad har hänt, vad visar underlaget?').fill('Prövat i två klasser; eleverna förklarar oftare hur de tänker.');
    await press(note.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(page.getByText('Uppföljningen är sparad.')).toBeVisible();
    await expect(page.locator('.goal-notes')).toContainText('eleverna förklarar oftare');
    await expect(page.locator('.goal-meta .goal-status')).toHaveText('Pågår');
    // A second note is written against the goal as it now stands (no conflict).
    await note.getByLabel('Vad har hänt, vad visar underlaget?').fill('Uppföljt med arbetslaget i december.');
    await press(note.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(page.locator('.goal-notes li')).toHaveCount(2);
    await expectAccessible(page, 'a goal with its follow-up');
    await screenshot(page, testInfo, 'goal');
  });

  test('the principal sets a school goal serving the municipality\'s, and reads their teachers\' goals', async ({ page }, testInfo) => {
    const title = `Alla elever ska ha en vuxen att prata med (${testInfo.project.name})`;
    await signIn(page, testInfo, 'rektor@demo.test');
    await page.goto('/mal');
    const teachers = page.getByRole('region', { name: 'Mina lärares mål' });
    await expect(teachers.getByRole('cell', { name: 'Elin Sjöberg' }).first()).toBeVisible();
    await press(page.getByRole('button', { name: 'Nytt skolmål' }), testInfo);
    const form = page.getByRole('form', { name: 'Nytt skolmål' });
    await expect(form).toBeInViewport();
    await form.getByLabel('Mål', { exact: true }).fill(title);
    await press(form.getByLabel('Alla elever ska känna sig trygga i skolan'), testInfo);
    await form.getByLabel('Nyckeltal', { exact: true }).fill('Andel elever som har en vuxen att prata med');
    await form.getByLabel('Målvärde', { exact: true }).fill('tio');
    await press(form.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(form.locator('#field-measure\\.target-error')).toHaveText('Ange målvärdet som ett tal, till exempel 85.');
    await form.getByLabel('Målvärde', { exact: true }).fill('95');
    await press(form.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(page.getByText('Målet är sparat.')).toBeVisible();
    const safe = page.locator('.goal-municipality').filter({ hasText: 'Alla elever ska känna sig trygga i skolan' });
    await expect(safe.getByRole('link', { name: title })).toBeVisible();
    await expect(safe.locator('li').filter({ hasText: title })).toContainText('0 lärarmål från 0 lärare');
    await expectAccessible(page, 'the principal\'s goals');
  });

  test('an administrator sees the chain and the counts, never a teacher\'s goal', async ({ page }, testInfo) => {
    const token = await apiToken(page, 'larare@demo.test');
    const goals = await (await page.request.get('/api/v1/goals', { headers: { Authorization: `Bearer ${token}` } })).json();
    const own = goals.teachers[0];
    await signIn(page, testInfo, 'admin@demo.test');
    await page.goto('/mal');
    await expect(page.locator('.goal-municipality').first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Mina lärares mål' })).toHaveCount(0);
    await page.goto(`/mal/${own.id}`);
    await expect(page.locator('.load-error')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: own.title })).toHaveCount(0);
  });

  test('a teacher names their goal under the next action plan and finds the plan as evidence under the goal', async ({ page }, testInfo) => {
    // A member of the demo teacher's group (their own plans, no one else's), with a
    // goal of their own made for this run; each device its own member and meeting.
    const lead = await apiToken(page, 'larare@demo.test');
    const mine = await (await page.request.get('/api/v1/groups/mine', { headers: { Authorization: `Bearer ${lead}` } })).json();
    const learning = mine.groups.find((g: { kind: string }) => g.kind === 'largrupp');
    const members = learning.members.filter((m: { leader: boolean }) => !m.leader);
    const member = members[testInfo.project.name === 'ipad' ? 0 : 1].email;
    const token = await apiToken(page, member);
    const headers = { Authorization: `Bearer ${token}` };
    const me = await (await page.request.get('/api/v1/me', { headers })).json();
    const goals = await (await page.request.get('/api/v1/goals', { headers })).json();
    const schoolGoal = goals.schools.find((g: { school: { id: number } }) => me.schools.some((s: { id: number }) => s.id === g.school.id));
    const title = `Jag ska använda bildstöd i genomgångarna (${testInfo.project.name})`;
    const created = await page.request.post('/api/v1/goals', {
      headers,
      data: { year: goals.year, level: 'teacher', title, measure: { kind: 'evidence', text: 'Elevernas egna utvärderingar.' }, serves: [schoolGoal.id] },
    });
    expect(created.status()).toBe(201);
    const goal = await created.json();

    await signIn(page, testInfo, member);
    await page.goto('/traffar');
    const day = testInfo.project.name === 'ipad' ? '10 sep' : '15 okt';
    await press(page.locator('.meeting-row').filter({ hasText: `${day}, 15:00–16:30` }).first().getByRole('link'), testInfo);
    const plan = page.locator('section.plan');
    await plan.getByLabel('Ange en insats som du ska fokusera på till nästa möte').fill('Bildstöd i varje genomgång i åk 8');
    await expect(plan.locator('.save-state')).toContainText(/Sparat \d\d:\d\d/);
    await plan.getByLabel('Målet insatsen bidrar till').selectOption({ label: title });
    await expect(plan.getByText('Planen är knuten till målet.')).toBeVisible();
    await expectAccessible(page, 'a plan tied to a goal');

    await page.goto(`/mal/${goal.id}`);
    const evidence = page.getByRole('region', { name: 'Handlingsplaner som underlag' });
    await expect(evidence).toContainText('Bildstöd i varje genomgång i åk 8');
    await press(evidence.getByRole('link').first(), testInfo);
    await expect(page).toHaveURL(/\/traffar\/\d+#plan-heading$/);
    await expect(page.locator('section.plan').getByLabel('Målet insatsen bidrar till')).toHaveValue(String(goal.id));
  });

  test('the steering group carries the year\'s goals to a later year after reviewing them', async ({ page }, testInfo) => {
    // Each device carries into a year of its own, far from the other tests' years.
    const year = testInfo.project.name === 'ipad' ? 2040 : 2042;
    const name = `${year}/${(year + 1) % 100}`;
    const token = await apiToken(page, 'styrgrupp@demo.test');
    const made = await page.request.post('/api/v1/school-years', {
      headers: { authorization: `Bearer ${token}` },
      data: { name, starts_on: `${year}-08-18`, spring_starts_on: `${year + 1}-01-09`, ends_on: `${year + 1}-06-12` },
    });
    expect(made.status()).toBe(201);
    const to = (await made.json()).id;
    await signIn(page, testInfo, 'styrgrupp@demo.test');
    await page.goto('/mal');
    const carry = page.locator('details.goals-carry');
    await press(carry.locator('summary'), testInfo);
    await carry.getByLabel('Till läsår').selectOption({ label: name });
    await press(carry.getByRole('button', { name: 'Visa målen' }), testInfo);
    const review = carry.getByRole('group', { name: 'För över till nästa läsår' });
    // The municipality's three; the school goals of the school they are principal of
    // wait for the municipality goals they serve.
    const lines = review.locator('label').filter({ hasText: 'Kommunmål –' }).getByRole('checkbox');
    await expect(lines).toHaveCount(3);
    const waiting = review.locator('label').filter({ hasText: 'Skolmål –' });
    await expect(waiting.first()).toContainText('Väntar på målet det bidrar till');
    await expect(waiting.first().getByRole('checkbox')).toBeDisabled();
    await expect(lines.nth(0)).toBeChecked();
    // Reviewed: one goal is done with and stays behind.
    await lines.nth(2).uncheck();
    await expectAccessible(page, 'the goals under review for carrying');
    await press(carry.getByRole('button', { name: 'För över valda mål' }), testInfo);
    await expect(carry.getByText('2 mål är överförda.')).toBeVisible();
    await page.goto(`/mal?year=${to}`);
    const carried = page.locator('.goal-municipality');
    await expect(carried).toHaveCount(2);
    await expect(carried.first().locator('.goal-status').first()).toHaveText('Ej påbörjat');
  });

  test('a teacher books a målsamtal time and prepares; the principal holds it and agrees two goals', async ({ page }, testInfo) => {
    // Two people through the whole conversation: longer than most.
    test.setTimeout(60_000);
    // Each device its own day of the wheel's period and its own teacher who has not booked.
    const ipad = testInfo.project.name === 'ipad';
    const day = ipad ? '2026-10-14' : '2026-10-15';
    const label = `${ipad ? '14' : '15'} okt, 08:30–09:00 · Rum 12`;
    const principal = { Authorization: `Bearer ${await apiToken(page, 'rektor@demo.test')}` };
    const offered = await page.request.post('/api/v1/goal-conversations/slots', {
      headers: principal,
      data: { on: day, start: '08:00', end: '09:00', minutes: 30, place: 'Rum 12' },
    });
    expect(offered.status()).toBe(201);
    const before = await (await page.request.get('/api/v1/goal-conversations', { headers: principal })).json();
    const waiting = before.leading.filter((l: { state: string; with: { name: string } }) => l.state === 'not_booked' && l.with.name !== 'Elin Sjöberg');
    const teacher = waiting[ipad ? 0 : 1].with;
    const admin = { Authorization: `Bearer ${await apiToken(page, 'admin@demo.test')}` };
    const staff = await (await page.request.get('/api/v1/staff?per_page=200', { headers: admin })).json();
    const email = staff.items.find((p: { id: number }) => p.id === teacher.id).email;

    await signIn(page, testInfo, email);
    await press(page.getByRole('link', { name: 'Mål, målsamtal och resultat' }), testInfo);
    await press(page.getByRole('link', { name: 'Målsamtal: boka, förbered och följ upp' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Målsamtal' })).toBeVisible();
    await expect(page.locator('.talks-period')).toContainText('21 sep–16 okt');
    const mine = page.getByRole('region', { name: 'Mina målsamtal' });
    await expect(mine).toContainText('Ej bokat');
    // With the keyboard alone on the Chromebook, by touch on the iPad.
    const slot = mine.getByRole('button', { name: `Boka ${label}` });
    if (testInfo.project.use.hasTouch) {
      await press(slot, testInfo);
    } else {
      await tabTo(page, slot, 120);
      await page.keyboard.press('Enter');
    }
    await expect(mine).toContainText(`Bokad: ${label}`);
    await expect(mine.getByRole('button', { name: `Boka ${label}` })).toHaveCount(0);
    await expectAccessible(page, 'my goal conversations');
    await screenshot(page, testInfo, 'talks-teacher');

    await press(mine.getByRole('link', { name: 'Förbered samtalet: Lars Sundqvist' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: `Målsamtal: Lars Sundqvist och ${teacher.name}` })).toBeVisible();
    const prep = page.getByRole('form', { name: 'Min förberedelse' });
    await prep.getByLabel('Vad vill du ta upp?').fill('Hur jag följer upp elevernas självskattning i matematik.');
    await press(prep.getByText('Dela förberedelsen med Lars Sundqvist'), testInfo);
    await press(prep.getByRole('button', { name: 'Spara förberedelsen' }), testInfo);
    await expect(prep.getByText('Förberedelsen är sparad.')).toBeVisible();
    await expectAccessible(page, 'a goal conversation being prepared');
    const talk = page.url().split('/').pop();

    // The principal holds it.
    await press(page.getByRole('button', { name: 'Logga ut' }), testInfo);
    await signIn(page, testInfo, 'rektor@demo.test');
    await page.goto('/malsamtal');
    // The other device's test may hold its conversation meanwhile: the total stays.
    await expect(page.locator('.talks-progress')).toContainText(new RegExp(`\\d+ av ${before.progress.total} målsamtal genomförda`));
    const row = page.getByRole('row').filter({ hasText: teacher.name });
    await expect(row).toContainText('Bokat');
    await expect(row).toContainText(label);
    await expectAccessible(page, 'the conversations a principal holds');
    await screenshot(page, testInfo, 'talks-principal');
    await press(row.getByRole('link', { name: `Öppna samtalet: ${teacher.name}` }), testInfo);
    await expect(page).toHaveURL(new RegExp(`/malsamtal/${talk}$`));
    await expect(page.getByRole('region', { name: `${teacher.name} har delat sin förberedelse` })).toContainText('självskattning i matematik');

    // Two goals agreed, saved as the teacher's own.
    const agreed = page.getByRole('region', { name: 'Målen vi kommit överens om' });
    for (const title of ['Eleverna ska skatta sin förståelse varje vecka', 'Jag ska auskultera hos en kollega i lärgruppen']) {
      await press(agreed.getByRole('button', { name: `Lägg till ett mål för ${teacher.name}` }), testInfo);
      const form = page.getByRole('form', { name: 'Nytt mål för läraren' });
      await expect(form).toBeInViewport();
      await form.getByLabel('Mål', { exact: true }).fill(title);
      await form.getByLabel('Skolmål som ditt mål bidrar till').selectOption({ index: 1 });
      await form.getByLabel('Underlag', { exact: true }).fill('Elevernas självskattningar och mina anteckningar.');
      await press(form.getByRole('button', { name: 'Spara' }), testInfo);
      await expect(agreed.getByRole('link', { name: title })).toBeVisible();
    }

    const record = page.getByRole('form', { name: 'Samtalet' });
    await record.getByLabel('Önskemål om kompetensutveckling').fill('Formativ bedömning i matematik.');
    await record.getByLabel('Hälsa').fill('Mår bra.');
    await record.getByLabel('Uppföljning under våren, datum').fill('2027-03-10');
    await press(record.getByRole('button', { name: 'Spara samtalet' }), testInfo);
    await expect(record.getByText('Samtalet är sparat.')).toBeVisible();
    await press(page.getByText('Jag har genomfört samtalet'), testInfo);
    await expect(page.getByText(/Lars Sundqvist markerade samtalet som genomfört \d{4}-\d\d-\d\d/)).toBeVisible();
    await expect(page.getByText('Samtalet räknas som genomfört när båda har markerat det.')).toBeVisible();
    await expectAccessible(page, 'a goal conversation held');
    await screenshot(page, testInfo, 'talk');

    // The teacher marks it too: held, and the goals are theirs on /mal.
    const mark = await page.request.put(`/api/v1/goal-conversations/${talk}/held`, {
      headers: { Authorization: `Bearer ${await apiToken(page, email)}` },
      data: { held: true },
    });
    expect(mark.status()).toBe(200);
    await page.reload();
    await expect(page.locator('.talk-meta .talk-state')).toHaveText('Genomfört');

    // The spring follow-up of one goal: its status and a note, saved on the goal.
    const spring = page.getByRole('region', { name: 'Vårens uppföljning av målen' });
    const first = spring.getByRole('form', { name: 'Eleverna ska skatta sin förståelse varje vecka' });
    await first.getByLabel('Målets läge').selectOption({ label: 'Delvis uppnått' });
    await press(first.getByRole('button', { name: 'Spara uppföljningen' }), testInfo);
    await expect(first.locator('.field-error')).toHaveText('Fältet måste fyllas i.');
    await first.getByLabel('Uppföljning').fill('Eleverna skattar varje fredag; hälften gör det utan påminnelse.');
    await press(first.getByRole('button', { name: 'Spara uppföljningen' }), testInfo);
    await expect(spring.getByText('Uppföljningen är sparad på målet.')).toBeVisible();
    await expect(agreed.getByRole('listitem').filter({ hasText: 'Eleverna ska skatta sin förståelse varje vecka' })).toContainText('Delvis uppnått');
    await expectAccessible(page, 'a goal conversation followed up in the spring');
    await screenshot(page, testInfo, 'talk-spring');
    await page.goto('/malsamtal');
    const progress = page.locator('.talks-progress strong');
    await expect(progress).toContainText(`av ${before.progress.total} målsamtal genomförda`);
    const heldNow = Number((await progress.innerText()).split(' ')[0]);
    expect(heldNow).toBeGreaterThanOrEqual(before.progress.held + 1);
  });

  test('the head of operations sees the schools\' målsamtal as counts; an administrator never opens one', async ({ page }, testInfo) => {
    const principal = { Authorization: `Bearer ${await apiToken(page, 'rektor@demo.test')}` };
    const view = await (await page.request.get('/api/v1/goal-conversations', { headers: principal })).json();
    const held = view.leading.find((l: { state: string }) => l.state === 'held');

    await signIn(page, testInfo, 'verksamhetschef@demo.test');
    await page.goto('/malsamtal');
    const counts = page.getByRole('region', { name: 'Målsamtal per skola' });
    await expect(counts.getByRole('row').filter({ hasText: 'Tallåsskolan' })).toBeVisible();
    await expect(counts.getByRole('row').filter({ hasText: 'Alla skolor' })).toBeVisible();
    // Their own conversations with the principals.
    await expect(page.getByRole('region', { name: 'Samtal jag håller' }).getByRole('row').filter({ hasText: 'Lars Sundqvist' })).toBeVisible();
    await expectAccessible(page, 'the head of operations\' goal conversations');
    await screenshot(page, testInfo, 'talks-head');
    await page.goto(`/malsamtal/${held.talk}`);
    await expect(page.locator('.load-error')).toBeVisible();

    await press(page.getByRole('button', { name: 'Logga ut' }), testInfo);
    await signIn(page, testInfo, 'admin@demo.test');
    await page.goto('/malsamtal');
    await expect(page.getByRole('region', { name: 'Målsamtal per skola' })).toBeVisible();
    await page.goto(`/malsamtal/${held.talk}`);
    await expect(page.locator('.load-error')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: /Målsamtal:/ })).toHaveCount(0);
  });

  test('the head of operations reads the schools\' results and reads in a file after correcting it', async ({ page }, testInfo) => {
    // Each device its own school year, far from the demo's.
    const year = testInfo.project.name === 'ipad' ? '2015/16' : '2016/17';
    await signIn(page, testInfo, 'verksamhetschef@demo.test');
    await page.goto('/mal');
    await press(page.getByRole('link', { name: 'Skolornas resultat' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Resultat' })).toBeVisible();
    const side = page.getByRole('region', { name: 'Skolorna sida vid sida, 2025/26' });
    await expect(side.getByRole('row').filter({ hasText: 'Tallåsskolan' })).toContainText('%');
    await expect(side.getByRole('row').filter({ hasText: 'Hela kommunen' })).toBeVisible();
    await expect(side.getByRole('img')).toBeVisible();
    await expectAccessible(page, 'the results');
    await screenshot(page, testInfo, 'results');

    // The boys of year 9 at the smallest school are fewer than ten: "–", and so is the
    // municipality's figure that would give theirs away.
    const picker = page.locator('.results-page .toolbar');
    await picker.getByLabel('Nyckeltal').selectOption({ label: 'Andel behöriga till yrkesprogram, åk 9, pojkar' });
    await expect(page).toHaveURL(/sex=boys/);
    const boys = page.getByRole('region', { name: 'Skolorna sida vid sida, 2025/26' });
    await expect(boys.locator('tfoot td').first()).toHaveText('–');
    await expect(boys.locator('tbody td', { hasText: '–' }).first()).toBeVisible();

    // A file with a misspelt school: every error named, nothing read in until it is right.
    const header = 'Skola;Läsår;Årskurs;Nyckeltal;Ämne;Kön;Värde;Antal elever\n';
    const wrong = `${header}Tallåskolan;${year};9;Meritvärde;;;231,5;54\nEkbackeskolan;${year};9;Meritvärde;;;219;40\n`;
    const section = page.locator('details.results-import');
    await press(section.locator('summary'), testInfo);
    await section.getByLabel('Fil').setInputFiles({ name: 'resultat.csv', mimeType: 'text/csv', buffer: Buffer.from(wrong, 'utf-8') });
    await press(section.getByRole('button', { name: 'Granska filen' }), testInfo);
    await expect(section.locator('.import-errors')).toContainText('Okänd skola "Tallåskolan". Menade du "Tallåsskolan"?');
    await expect(section.getByRole('button', { name: 'Läs in allt' })).toBeDisabled();
    await expectAccessible(page, 'a results file with errors');
    const right = wrong.replace('Tallåskolan', 'Tallåsskolan');
    await section.getByLabel('Fil').setInputFiles({ name: 'resultat.csv', mimeType: 'text/csv', buffer: Buffer.from(right, 'utf-8') });
    await press(section.getByRole('button', { name: 'Granska filen' }), testInfo);
    await expect(section.getByText('2 nyckeltal i filen: 2 nya, 0 ändrade, 0 oförändrade.')).toBeVisible();
    await press(section.getByRole('button', { name: 'Läs in allt' }), testInfo);
    await expect(page.getByText('Inläst: 2 nya, 0 ändrade, 0 oförändrade.')).toBeVisible();
    await picker.getByLabel('Nyckeltal').selectOption({ label: 'Genomsnittligt meritvärde, åk 9' });
    const merit = page.getByRole('region', { name: /Skolorna sida vid sida/ });
    await expect(merit.getByRole('columnheader', { name: year })).toBeVisible();
    await expect(merit.getByRole('row').filter({ hasText: 'Tallåsskolan' })).toContainText('231,5');

    // One value corrected by hand: the stored one comes into the form, a value out of
    // range is named beside its field, the corrected one shows in the table.
    const entry = page.locator('details.results-entry');
    await press(entry.locator('summary'), testInfo);
    await entry.getByLabel('Skola').selectOption({ label: 'Ekbackeskolan' });
    await entry.getByLabel(/^Läsår/).fill(year);
    await entry.getByLabel('Nyckeltal').selectOption({ label: 'Genomsnittligt meritvärde' });
    await expect(entry.getByRole('status').filter({ hasText: 'Sparat: 219,0 (40 elever)' })).toBeVisible();
    await expect(entry.getByLabel('Värde')).toHaveValue('219');
    await entry.getByLabel('Värde').fill('400');
    await press(entry.getByRole('button', { name: 'Spara värdet' }), testInfo);
    await expect(entry.locator('#field-value-error')).toHaveText('Meritvärdet ska vara ett tal 0–340, till exempel 231,5.');
    await expect(entry.getByLabel('Värde')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'a value entered by hand with an error');
    await entry.getByLabel('Värde').fill('221,5');
    await press(entry.getByRole('button', { name: 'Spara värdet' }), testInfo);
    await expect(entry.getByText('Värdet är sparat.')).toBeVisible();
    await expect(merit.getByRole('row').filter({ hasText: 'Ekbackeskolan' })).toContainText('221,5');
    await screenshot(page, testInfo, 'results-entry');
  });

  test('the principal follows up their teachers\' goals and målsamtal per school', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'rektor@demo.test');
    await page.goto('/uppfoljning');
    const part = page.getByRole('region', { name: 'Mål och målsamtal per skola' });
    const row = part.getByRole('row').filter({ hasText: 'Tallåsskolan' });
    await expect(row).toBeVisible();
    await expect(row.getByRole('cell').nth(1)).toContainText(/\d+ av \d+ \(\d+ %\)/);
    await expect(part.getByRole('img')).toBeVisible();
    await expect(part.getByRole('row').filter({ hasText: 'Ekbackeskolan' })).toHaveCount(0);
    await expectAccessible(page, 'the follow-up of goals and målsamtal');
    await screenshot(page, testInfo, 'followup-goals');
  });

  test('a teacher reads the results but has no import', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    await page.goto('/resultat');
    await expect(page.getByRole('region', { name: 'Skolorna sida vid sida, 2025/26' })).toBeVisible();
    await expect(page.locator('details.results-import')).toHaveCount(0);
  });

  test('the head of operations opens a school\'s results and writes a resultatdialog with one insats', async ({ page }, testInfo) => {
    const day = testInfo.project.name === 'ipad' ? '2027-01-12' : '2027-01-13';
    await signIn(page, testInfo, 'verksamhetschef@demo.test');
    await page.goto('/resultat');
    await press(page.getByRole('link', { name: /^Resultatdialoger/ }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Resultatdialoger' })).toBeVisible();
    const november = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2026-11-23' }) });
    await expect(november).toContainText('Tallåsskolan');
    // The November dialogue follows up the August one: the work for its goals since.
    await press(november.getByRole('link', { name: '2026-11-23' }), testInfo);
    const august = page.getByRole('region', { name: 'Förra dialogens insatser (2026-08-24)' });
    const since = august.getByRole('table', { name: 'Arbetet för insatsernas mål sedan dess' });
    await expect(since.getByRole('row').nth(1)).toContainText(/\d+ \(\d+\)/);
    await expectAccessible(page, 'a result dialogue that follows up the last');
    await screenshot(page, testInfo, 'dialogue-work');
    await page.goBack();
    const form = page.getByRole('form', { name: 'Ny resultatdialog' });
    await form.getByLabel('Skola').selectOption({ label: 'Tallåsskolan' });
    await form.getByLabel('Datum').fill(day);
    await expectAccessible(page, 'the result dialogues');
    await press(form.getByRole('button', { name: 'Håll resultatdialogen' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: `Resultatdialog: Tallåsskolan, ${day}` })).toBeVisible();
    const figures = page.getByRole('region', { name: 'Resultaten den dagen' });
    await expect(figures.getByRole('row').filter({ hasText: 'Andel behöriga till yrkesprogram, åk 9' }).first()).toContainText('%');
    const previous = page.getByRole('region', { name: /Förra dialogens insatser/ });
    await expect(previous).toBeVisible();
    // What the school's teachers did for the goal of those insatser, counts only.
    const work = previous.getByRole('table', { name: 'Arbetet för insatsernas mål sedan dess' });
    await expect(work.getByRole('row').nth(1).getByRole('link')).toBeVisible();

    const record = page.getByRole('form', { name: 'Dialogen' });
    await record.getByLabel('Skolans analys: vad förklarar resultaten?').fill('Flickorna i åk 9 har gått framåt i matematik; pojkarna inte.');
    await press(record.getByRole('button', { name: 'Lägg till en insats' }), testInfo);
    await record.getByLabel('Insats', { exact: true }).fill('Räknestuga två eftermiddagar i veckan för åk 9');
    await record.getByLabel('Ansvarig').selectOption({ label: 'Lars Sundqvist' });
    await record.getByLabel('Klar senast').fill('2027-05-31');
    await record.getByLabel('Målet den bidrar till').selectOption({ index: 1 });
    await record.getByLabel('Nästa resultatdialog').fill('2027-05-20');
    await press(record.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(record.getByText('Resultatdialogen är sparad.')).toBeVisible();
    await expectAccessible(page, 'a result dialogue written');
    await screenshot(page, testInfo, 'dialogue');
    await page.reload();
    await expect(page.getByRole('form', { name: 'Dialogen' }).getByLabel('Insats', { exact: true })).toHaveValue('Räknestuga två eftermiddagar i veckan för åk 9');
  });
});
