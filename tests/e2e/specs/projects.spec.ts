import { expect, test } from '@playwright/test';
import { apiToken, expectAccessible, navigate, press, screenshot, signIn, tabTo } from '../helper';

/** An 8×6 PNG: what a tablet's camera hands the file chooser, in small. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAGCAIAAABxZ0isAAAAZ0lEQVR4nA3JIQFEMQwFwZPzbdRBcHHwkpKIeCJC4iA4NmrnOnR+H7awjR1MWGGDXez34Qvf+MGFFz74xV/EIjZxCBFFDHGJF1poo4OECg266EUucpOHFFnkkJd80Yve9KFFFz30pf/V4ETp4II3FgAAAABJRU5ErkJggg==',
  'base64',
);

test.describe('projects', () => {
  test('the process leader starts a project with a partner, writes and clears an entry, and opens the public page signed out', async ({ page, browser }, testInfo) => {
    const name = `Läsande stad (${testInfo.project.name})`;
    await signIn(page, testInfo, 'forskare@demo.test');
    await navigate(page, testInfo, 'Projekt');
    await expect(page.getByRole('heading', { level: 1, name: 'Projekt' })).toBeVisible();
    await expect(page.locator('.project-card').filter({ hasText: 'Hållbar framtid' })).toContainText('6 inlägg i processloggen');
    await expectAccessible(page, 'the projects');

    // Start it: a missing name is said beside the field, in Swedish.
    await press(page.getByText('Starta ett projekt'), testInfo);
    await press(page.getByRole('button', { name: 'Starta projektet' }), testInfo);
    await expect(page.locator('#field-name-error')).toHaveText('Fältet måste fyllas i.');
    await page.getByLabel('Projektets namn').fill(name);
    await page.getByLabel('Syfte').fill('Fler elever läser på fritiden, med stadsbiblioteket.');
    await press(page.getByRole('button', { name: 'Starta projektet' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page).toHaveURL(/\/projekt\/\d+$/);

    // Its description: vision, Agenda 2030 goals, stages and schools; a blank name is refused.
    await press(page.getByText('Ändra projektets beskrivning'), testInfo);
    const edit = page.locator('details.project-edit');
    await edit.getByLabel('Projektets namn').fill(' ');
    await press(edit.getByRole('button', { name: 'Spara projektet' }), testInfo);
    await expect(edit.locator('#field-name-error')).toHaveText('Fältet måste fyllas i.');
    await edit.getByLabel('Projektets namn').fill(name);
    await edit.getByLabel('Vision').fill('Alla barn hittar en bok de vill läsa ut.');
    await press(edit.getByRole('checkbox', { name: '4 God utbildning för alla' }), testInfo);
    await press(edit.getByRole('checkbox', { name: 'Åk 1–3' }), testInfo);
    await press(edit.getByRole('group', { name: 'Skolor som deltar' }).getByRole('checkbox').first(), testInfo);
    await expectAccessible(page, 'editing a project');
    await press(edit.getByRole('button', { name: 'Spara projektet' }), testInfo);
    const side = page.getByRole('region', { name: 'Fokusområden' });
    await expect(side).toContainText('4 God utbildning för alla');
    await expect(side).toContainText('Åk 1–3');
    await expect(page.getByRole('region', { name: 'Syfte och vision' })).toContainText('Alla barn hittar en bok de vill läsa ut.');

    // A partner.
    await page.getByLabel('Företag eller organisation').fill('Stadsbiblioteket');
    await page.getByLabel('Kontaktperson').fill('Eva Ström, 0410-55 00 00');
    await page.getByLabel('Bidrar med').fill('Författarbesök och boktips');
    await press(page.getByRole('button', { name: 'Lägg till partnern' }), testInfo);
    const partners = page.getByRole('region', { name: 'Partner' });
    await expect(partners.locator('.partners')).toContainText('Stadsbiblioteket');
    await expect(partners.locator('.partners')).toContainText('Författarbesök och boktips');

    // An entry, tagged, with library material and a photo, then cleared for the public
    // page, and the photo marked as fit to be shown.
    const log = page.getByRole('region', { name: 'Processlogg' });
    await log.getByLabel('Vad har ni gjort och vad gav det?').fill('Författaren läste ur sin nya bok för åk 2 och eleverna skrev egna slut.');
    await press(log.getByRole('checkbox', { name: 'Språk- och kunskapsutvecklande arbete' }), testInfo);
    await log.getByLabel('Sök material i biblioteket').fill('exit tickets');
    await press(log.getByRole('button', { name: 'Sök', exact: true }), testInfo);
    const found = log.locator('.prep-found li').first();
    await expect(found).toBeVisible();
    const material = ((await found.getByRole('button').textContent()) ?? '').replace(/^Lägg till:\s*/, '');
    await press(found.getByRole('button'), testInfo);
    await expect(log.locator('.prep-chosen')).toHaveCount(1);
    await log.getByLabel('Bild eller fil (valfritt)').setInputFiles({ name: 'lasstund.png', mimeType: 'image/png', buffer: PHOTO });
    await press(log.getByRole('button', { name: 'Spara inlägget' }), testInfo);
    await expect(log.getByText(/Inlägget är sparat/)).toBeVisible();
    const entry = log.locator('.log-entry').filter({ hasText: 'Författaren läste' });
    await expect(entry).toContainText('Visas inte publikt');
    await expect(entry.locator('.tags')).toContainText('Språk- och kunskapsutvecklande arbete');
    await expect(entry.locator('.log-items').getByRole('link', { name: material })).toBeVisible();
    const photo = entry.getByRole('img', { name: 'lasstund.png' });
    await expect(photo).toBeVisible();
    expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(8);
    await press(entry.getByRole('checkbox', { name: 'Godkänn för den publika sidan' }), testInfo);
    await expect(log.locator('.log-entry').filter({ hasText: 'Författaren läste' })).toContainText('Godkänt för den publika sidan');
    await press(entry.getByRole('checkbox', { name: 'Får visas på den publika sidan: lasstund.png' }), testInfo);
    await expect(entry.locator('.log-file-public')).toHaveCount(1);

    // The public page: on, with a summary.
    const showcase = page.getByRole('region', { name: 'Publik sida' });
    await expect(showcase).toContainText('Den publika sidan är avstängd.');
    await press(showcase.getByRole('checkbox', { name: 'Den publika sidan är på' }), testInfo);
    await showcase.getByLabel('Sammanfattning för den publika sidan').fill('Läslust i fyra klasser.');
    await press(showcase.getByRole('button', { name: 'Spara den publika sidan' }), testInfo);
    await expect(showcase.getByRole('link', { name: 'Öppna den publika sidan' })).toBeVisible();
    await expectAccessible(page, 'a project');
    await screenshot(page, testInfo, 'project');
    const address = await showcase.getByRole('link', { name: 'Öppna den publika sidan' }).getAttribute('href');
    expect(address).toMatch(/^\/visa\/lasande-stad-/);

    // Signed out, in a browser of its own.
    const visitor = await (await browser.newContext({ ...testInfo.project.use, baseURL: process.env.BASE_URL, locale: 'sv-SE' })).newPage();
    await visitor.goto(address!);
    await expect(visitor.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(visitor.getByText('Ett projekt i Demo kommun')).toBeVisible();
    await expect(visitor.getByText('Läslust i fyra klasser.')).toBeVisible();
    await expect(visitor.locator('.log-entry')).toHaveCount(1);
    await expect(visitor.locator('.log-entry')).toContainText('Författaren läste');
    const shown = visitor.locator('.log-entry img');
    await expect(shown).toHaveCount(1);
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(8);
    await expect(visitor.locator('body')).not.toContainText('Eva Ström');
    await expect(visitor.getByRole('button', { name: 'Logga ut' })).toHaveCount(0);
    await expectAccessible(visitor, 'the public page');
    await screenshot(visitor, testInfo, 'showcase');
  });

  test('the demo project: its log searched, closed to a teacher outside it, and its public page without what is not cleared', async ({ page: leader, browser }, testInfo) => {
    let page = leader;
    await signIn(page, testInfo, 'forskare@demo.test');
    await page.goto('/projekt');
    await press(page.getByRole('link', { name: 'Hållbar framtid' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Hållbar framtid' })).toBeVisible();
    const log = page.getByRole('region', { name: 'Processlogg' });
    await expect(log.locator('.log-entry')).toHaveCount(6);
    await log.getByLabel('Sök i processloggen').fill('hamn');
    await expect(log.getByRole('status').first()).toHaveText('2 inlägg hittades');
    await expect(log.locator('.log-entry')).toHaveCount(2);
    await expect(page.getByRole('region', { name: 'Partner' })).toContainText('Hamnbolaget i Demo AB');

    // The milestones: the demo's autumn one followed up with a reflection; a new one is
    // put on the wheel and followed up.
    const milestones = page.getByRole('region', { name: 'Milstolpar' });
    const autumn = milestones.locator('.milestone').filter({ hasText: 'Varje skola har valt' });
    await expect(autumn).toContainText('Genomförd');
    await expect(autumn.locator('.reflections li')).toHaveCount(1);
    const title = `Halvtid (${testInfo.project.name})`;
    await press(milestones.getByRole('button', { name: 'Ny milstolpe' }), testInfo);
    await expect(milestones.getByLabel('Milstolpe')).toBeFocused();
    await milestones.getByLabel('Milstolpe').fill(title);
    await milestones.getByLabel('Dag').fill('2090-03-10');
    await press(milestones.getByRole('button', { name: 'Spara milstolpen' }), testInfo);
    await expect(milestones.locator('#field-milestone-due_on-error')).toContainText('inget läsår');
    await milestones.getByLabel('Dag').fill('2027-03-10');
    await press(milestones.getByRole('button', { name: 'Spara milstolpen' }), testInfo);
    const added = milestones.locator('.milestone').filter({ hasText: title });
    await expect(added).toContainText('Kommande');
    await press(added.getByRole('button', { name: `Följ upp: ${title}` }), testInfo);
    await expect(added.getByRole('button', { name: `Följ upp: ${title}` })).toHaveAttribute('aria-expanded', 'true');
    await press(added.getByRole('checkbox', { name: 'Milstolpen är genomförd' }), testInfo);
    await added.getByLabel('Vad gav det?').fill('Skolorna visade sina elevarbeten för varandra.');
    await expectAccessible(page, 'following up a milestone');
    await press(added.getByRole('button', { name: 'Spara milstolpen' }), testInfo);
    await expect(added).toContainText('Genomförd');
    await expect(added).toContainText('Skolorna visade sina elevarbeten för varandra.');
    await press(added.getByRole('button', { name: `Skriv en reflektion: ${title}` }), testInfo);
    await added.getByLabel('Din reflektion').fill('Vi lärde oss mest av att förklara för de andra skolorna.');
    await press(added.getByRole('button', { name: 'Spara reflektionen' }), testInfo);
    await expect(added.locator('.reflections li')).toContainText('Vi lärde oss mest');
    await screenshot(page, testInfo, 'project-milestones');
    await expectAccessible(page, 'the demo project');
    // The report, saved as Markdown: the description, the partners and the whole log.
    const download = page.waitForEvent('download');
    await press(page.getByRole('button', { name: 'Spara rapporten som text (Markdown)' }), testInfo);
    const file = await download;
    expect(file.suggestedFilename()).toBe('hallbar-framtid-demo.md');
    const fs = await import('node:fs/promises');
    const report = await fs.readFile((await file.path())!, 'utf-8');
    expect(report).toMatch(/^# Hållbar framtid\n/);
    expect(report).toContain('Sara Lind');
    expect(report).toContain('Reflektion i projektgruppen');
    // Six log entries and the milestones (two, and any a run before this one added).
    expect(report).toContain('## Milstolpar');
    expect(report.match(/^### /gm)?.length).toBeGreaterThanOrEqual(8);
    // And as a PDF, written by the server.
    const pdf = page.waitForEvent('download');
    await press(page.getByRole('button', { name: 'Spara rapporten som PDF' }), testInfo);
    const saved = await pdf;
    expect(saved.suggestedFilename()).toBe('hallbar-framtid-demo.pdf');
    const bytes = await fs.readFile((await saved.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    page = await (await browser.newContext({ ...testInfo.project.use, baseURL: process.env.BASE_URL, locale: 'sv-SE' })).newPage();
    await signIn(page, testInfo, 'larare@demo.test');
    await page.goto('/projekt');
    await press(page.getByRole('link', { name: 'Hållbar framtid' }), testInfo);
    await expect(page.getByText('Processloggen läses av dem som deltar i projektet och av styrgruppen.')).toBeVisible();
    await expect(page.locator('.log-entry')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Starta projektet' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Publik sida' })).toHaveCount(0);

    await page.goto('/visa/hallbar-framtid-demo');
    await expect(page.getByRole('heading', { level: 1, name: 'Hållbar framtid' })).toBeVisible();
    await expect(page.locator('.log-entry')).toHaveCount(4);
    await expect(page.locator('body')).not.toContainText('Reflektion i projektgruppen');
    await expect(page.locator('body')).not.toContainText('Sara Lind');
    await page.goto('/visa/finns-inte');
    await expect(page.getByText('Sidan finns inte, eller så har projektet stängt av den.')).toBeVisible();
  });

  test('the process leader writes an entry and clears it with the keyboard alone', async ({ page }, testInfo) => {
    const token = await apiToken(page, 'forskare@demo.test');
    const made = await page.request.post('/api/v1/projects', {
      headers: { Authorization: `Bearer ${token}` },
      data: { name: `Skolgården (${testInfo.project.name})`, aim: 'En skolgård där eleverna lär sig ute.' },
    });
    expect(made.status()).toBe(201);
    const id = (await made.json()).project.id;
    await signIn(page, testInfo, 'forskare@demo.test');
    await page.goto(`/projekt/${id}`);
    const log = page.getByRole('region', { name: 'Processlogg' });
    const text = log.getByLabel('Vad har ni gjort och vad gav det?');
    await tabTo(page, text, 120);
    await page.keyboard.type('Eleverna planterade ett äppelträd och mätte skuggan varje vecka.');
    await tabTo(page, log.getByRole('checkbox', { name: 'Inkluderande lärmiljöer' }), 10);
    await page.keyboard.press('Space');
    await expect(log.getByRole('checkbox', { name: 'Inkluderande lärmiljöer' })).toBeChecked();
    await tabTo(page, log.getByRole('button', { name: 'Spara inlägget' }), 60);
    await page.keyboard.press('Enter');
    await expect(log.getByText(/Inlägget är sparat/)).toBeVisible();
    const entry = log.locator('.log-entry').filter({ hasText: 'äppelträd' });
    const clear = entry.getByRole('checkbox', { name: 'Godkänn för den publika sidan' });
    await tabTo(page, clear, 200);
    await page.keyboard.press('Space');
    await expect(log.locator('.log-entry').filter({ hasText: 'äppelträd' })).toContainText('Godkänt för den publika sidan');
  });
});
