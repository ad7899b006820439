import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { expectAccessible, openAdmin, press, screenshot, signIn, tabTo } from '../helper';

// The iPad and the Chromebook run at once against one server: each uses names and days
// of its own.
const OWN = {
  ipad: { day: '2027-05-20', template: 'Kort träff (iPad)' },
  chromebook: { day: '2027-05-27', template: 'Kort träff (Chromebook)' },
};

function mine(testInfo: TestInfo) {
  return OWN[testInfo.project.name as keyof typeof OWN];
}

async function typeInto(page: Page, label: string, text: string, exact = true): Promise<void> {
  const field = page.getByLabel(label, { exact });
  await tabTo(page, field);
  await page.keyboard.type(text);
}

test.describe('planning meetings', () => {
  test('the steering group keeps an agenda template and makes it the default', async ({ page }, testInfo) => {
    const { template } = mine(testInfo);
    await signIn(page, testInfo, 'styrgrupp@demo.test');
    await page.goto('/traffar');
    await press(page.getByRole('link', { name: 'Dagordningsmallar' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Dagordningsmallar' })).toBeVisible();
    // The 90-minute model is there as the default.
    const standard = page.locator('ul.templates > li').filter({ hasText: 'Lärgruppsträff 90 minuter' });
    await expect(standard).toContainText('Standard');
    await expect(standard).toContainText('6 punkter · 90 min');

    await press(page.getByRole('button', { name: 'Ny mall' }), testInfo);
    const form = page.locator('form.template-form');
    await form.getByLabel('Mallens namn').fill(template);
    // Starts from the model; the leader's version drops the last two steps and shortens one.
    await press(form.getByRole('button', { name: 'Ta bort punkt 6' }), testInfo);
    await press(form.getByRole('button', { name: 'Ta bort punkt 5' }), testInfo);
    await form.getByLabel('Minuter').nth(3).fill('25');
    await form.getByLabel('Minuter').nth(3).blur();
    await expect(form.getByRole('status')).toContainText('4 punkter · 65 min');
    await expectAccessible(page, 'the template form');
    await screenshot(page, testInfo, 'template-form');
    await press(form.getByRole('button', { name: 'Spara' }), testInfo);
    const mineCard = page.locator('ul.templates > li').filter({ hasText: template });
    await expect(mineCard).toContainText('4 punkter · 65 min');

    await press(mineCard.getByRole('button', { name: 'Gör till standard' }), testInfo);
    await expect(mineCard.locator('.badge')).toHaveText('Standard');
    await expectAccessible(page, 'the templates');
    // The model goes back to being the default. The other device may have chosen (or
    // restored) the default meanwhile: then this choice was based on an old version and
    // is refused, and the page, loaded again, shows that the model is the default.
    await press(standard.getByRole('button', { name: 'Gör till standard' }), testInfo);
    await expect(standard.locator('.badge').or(page.locator('.form-error').filter({ hasText: 'Någon annan' })).first()).toBeVisible();
    await page.reload();
    await expect(mineCard.locator('.badge')).toHaveCount(0);
    await press(mineCard.getByRole('button', { name: 'Ta bort' }), testInfo);
    await expect(mineCard).toHaveCount(0);
  });

  test('a leader adds a meeting with the keyboard alone, adjusts its agenda, sets the preparation and prepares', async ({ page }, testInfo) => {
    const { day } = mine(testInfo);
    await signIn(page, testInfo, 'larare@demo.test');
    await page.goto('/traffar');
    await expect(page.getByRole('heading', { level: 1, name: 'Mina träffar' })).toBeVisible();

    // Open the form and fill it from the keyboard.
    const summary = page.locator('details.new-meeting > summary');
    await tabTo(page, summary);
    await page.keyboard.press('Enter');
    const group = page.getByLabel('Grupp', { exact: true });
    await tabTo(page, group);
    const option = await group.locator('option').nth(1).textContent();
    await page.keyboard.press('ArrowDown');
    await expect(group).not.toHaveValue('');
    const date = page.getByLabel('Datum', { exact: true });
    await tabTo(page, date);
    // The order of a date field's parts follows the browser's own language, not the
    // page's, so the day is set as a whole once the field has the focus.
    await date.fill(day);
    await expect(date).toHaveValue(day);
    await typeInto(page, 'Plats (rum)', 'Lärarrummet, Ekbackeskolan');
    await typeInto(page, 'Frågeställning', 'Hur använder vi exit tickets i alla ämnen?');
    // The 90-minute model, whichever template is the default just now (the other
    // device may be trying one): the arrow keys move through the choices.
    const template = page.getByLabel('Dagordningsmall');
    await tabTo(page, template);
    for (let i = 0; i < 6 && !((await template.locator('option:checked').textContent()) ?? '').includes('90 minuter'); i++) {
      await page.keyboard.press('ArrowDown');
    }
    await expect(template.locator('option:checked')).toContainText('90 minuter');
    await tabTo(page, page.getByRole('button', { name: 'Lägg till träffen' }));
    await expectAccessible(page, 'the new meeting form');
    await page.keyboard.press('Enter');

    // The meeting's own page.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(option ?? '');
    await expect(page.locator('.question')).toHaveText('Hur använder vi exit tickets i alla ämnen?');
    await expect(page.getByRole('heading', { level: 2, name: 'Dagordning (90 min)' })).toBeVisible();

    // The leader shortens the agenda: the editor is opened and used from the keyboard.
    const editor = page.locator('details.meeting-editor > summary');
    await tabTo(page, editor);
    await page.keyboard.press('Enter');
    const remove = page.locator('.agenda-editor').getByRole('button', { name: 'Ta bort punkt 6' });
    await tabTo(page, remove);
    await page.keyboard.press('Enter');
    await expect(page.locator('.agenda-editor .steps > li')).toHaveCount(5);
    const save = page.locator('details.meeting-editor').getByRole('button', { name: 'Spara', exact: true });
    await tabTo(page, save, 120, true);
    await page.keyboard.press('Enter');
    await expect(page.locator('details.meeting-editor .flash')).toHaveText('Sparat.');
    await page.reload();
    await expect(page.getByRole('heading', { level: 2, name: 'Dagordning (85 min)' })).toBeVisible();

    // The preparation: material found in the library, and a task.
    const prep = page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: 'Förberedelse' }) });
    await expect(prep).toContainText('Ingen förberedelse är angiven ännu.');
    await press(prep.locator('details.prep-editor > summary'), testInfo);
    await prep.getByLabel('Förberedelseuppgift').fill('Se filmen och ta med ett elevexempel.');
    await prep.getByLabel('Sök material i biblioteket').fill('exit tickets');
    await press(prep.getByRole('button', { name: 'Sök', exact: true }), testInfo);
    const found = prep.locator('.prep-found li').first();
    await expect(found).toBeVisible();
    const title = (await found.textContent())?.replace(/^Lägg till(: .*?)?\s*/, '') ?? '';
    await press(found.getByRole('button'), testInfo);
    await expect(prep.locator('.prep-chosen')).toHaveCount(1);
    await press(prep.getByRole('button', { name: 'Spara', exact: true }), testInfo);
    await expect(prep.locator('.prep-items li')).toHaveCount(1);
    await expect(prep.locator('.prep-items')).toContainText(title.split(' ')[0]);
    await expect(prep.locator('.prep-count')).toContainText('0 av');
    // The leader is a member too, and ticks it as done.
    await press(prep.getByText('Jag har förberett mig'), testInfo);
    await expect(prep.locator('.prep-count')).toContainText('1 av');
    await expectAccessible(page, 'the meeting with its preparation');
    await screenshot(page, testInfo, 'meeting-preparation');
    await page.reload();
    await expect(page.getByLabel('Jag har förberett mig')).toBeChecked();
    // Material opened from the meeting leads back to the meeting, not the library.
    const meetingUrl = page.url();
    await press(prep.locator('.prep-items a').first(), testInfo);
    await press(page.getByRole('link', { name: 'Tillbaka till träffen' }), testInfo);
    await expect(page).toHaveURL(meetingUrl);

    // Nothing was written for it yet, so it can be removed.
    await press(page.locator('details.meeting-editor > summary'), testInfo);
    await press(page.getByRole('button', { name: 'Ta bort träffen' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Mina träffar' })).toBeVisible();
  });

  test('anyone finds a published protocol by a word form, filters, and saves it', async ({ page }, testInfo) => {
    // The ICT strategist is in no learning group and still reads every protocol.
    await signIn(page, testInfo, 'ikt@demo.test');
    await page.goto('/protokoll');
    await expect(page.getByRole('heading', { level: 1, name: 'Protokollarkiv' })).toBeVisible();
    await expect(page.locator('.result-count')).toContainText(/^\d+ protokoll/);
    const all = Number((await page.locator('.result-count').textContent())?.match(/\d+/)?.[0]);
    expect(all).toBeGreaterThan(0);

    await page.getByLabel('Sök i protokollen').fill('bedömningsstödet');
    await expect(page.locator('.archive-hit mark').first()).toBeVisible();
    const found = Number((await page.locator('.result-count').textContent())?.match(/\d+/)?.[0]);
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(all);
    await expect(page.locator('.archive-hit mark').first()).toHaveText(/^bedömningsstöd/i);
    await page.getByLabel('Stadier').selectOption({ label: 'Åk 7–9' });
    await expect(page.locator('.archive-hit').first()).toContainText('7–9');
    await expectAccessible(page, 'the protocol archive');
    await screenshot(page, testInfo, 'archive');

    await press(page.locator('.archive-hit h2 a').first(), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: /^Protokoll: / })).toBeVisible();
    await expect(page.locator('article.a4 dl.record')).toContainText('Vi pratade om …');
    await expectAccessible(page, 'the protocol document');
    const download = page.waitForEvent('download');
    await press(page.getByRole('button', { name: 'Spara som Markdown' }), testInfo);
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^protokoll-\d{4}-\d\d-\d\d-\d+\.md$/);
    const pdf = page.waitForEvent('download');
    await press(page.getByRole('button', { name: 'Spara som PDF' }), testInfo);
    const pdfFile = await pdf;
    expect(pdfFile.suggestedFilename()).toMatch(/^protokoll-\d+\.pdf$/);
    const path = await pdfFile.path();
    const bytes = (await import('node:fs')).readFileSync(path).toString('latin1');
    // A tagged PDF (PDF/UA-1) in Swedish.
    expect(bytes.slice(0, 8)).toBe('%PDF-1.7');
    expect(bytes).toContain('/StructTreeRoot');
    expect(bytes).toContain('/Lang(sv)');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header')).toBeHidden();
    await screenshot(page, testInfo, 'protocol-print');
    await page.emulateMedia({ media: 'screen' });
  });

  test('an administrator names the addresses every protocol also goes to', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'admin@demo.test');
    await openAdmin(page, testInfo, 'Utgående e-post');
    const form = page.locator('form.recipients');
    await form.getByLabel('E-postadresser').fill('styrgrupp@demo.test\ninte en adress');
    await press(form.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(form.locator('.field-error')).toContainText('giltig e-postadress');
    // Both devices save the same addresses at about the same time: the one whose copy
    // is stale is told so (409) and saves again after reloading, as a person would.
    for (let attempt = 0; attempt < 3; attempt++) {
      await form.getByLabel('E-postadresser').fill('Forvaltning@Demo.test\narkiv@demo.test');
      await press(form.getByRole('button', { name: 'Spara' }), testInfo);
      await expect(form.locator('.flash, .form-error').filter({ hasText: /Sparat|ändrat/ })).toBeVisible();
      if (await form.locator('.flash').filter({ hasText: 'Sparat.' }).isVisible()) break;
      await expect(form.locator('.form-error')).toContainText('Någon annan har ändrat');
      await page.reload();
    }
    await expect(form.locator('.flash')).toHaveText('Sparat.');
    await expect(form.getByLabel('E-postadresser')).toHaveValue('forvaltning@demo.test\narkiv@demo.test');
    await expectAccessible(page, 'the recipients');
    await screenshot(page, testInfo, 'recipients');
  });
});
