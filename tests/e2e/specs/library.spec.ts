import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, press, screenshot, signIn, tabTo } from '../helper';

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
}

test.describe('the library', () => {
  test('the researcher sees which meetings had their material as preparation, and how many prepared', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'forskare@demo.test');
    await page.goto('/bibliotek');
    const use = page.getByRole('region', { name: 'Mitt material i träffarna' });
    await expect(use).toBeVisible();
    const first = use.locator('.material-use > li').first();
    await expect(first.getByRole('link')).toBeVisible();
    await expect(first.locator('li').first()).toHaveText(/ · \d+ [a-zé]{3} · \d+ av \d+ har förberett sig$/);
    await expectAccessible(page, 'the library with my material in the meetings');
    // The link opens the item.
    const title = (await first.getByRole('link').textContent())!;
    await press(first.getByRole('link'), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  });

  test('the ICT strategist adds a film with tags, and it plays in the page', async ({ page }, testInfo) => {
    const title = `Film om kamratrespons (${testInfo.project.name})`;
    await signIn(page, testInfo, 'ikt@demo.test');
    await page.goto('/bibliotek');
    await expect(page.getByRole('heading', { level: 2, name: 'Utvalt' })).toBeVisible();
    await expectAccessible(page, 'the library front page');
    await screenshot(page, testInfo, 'library-front');
    await press(page.getByRole('link', { name: 'Lägg till material' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Nytt material' })).toBeVisible();
    await page.getByLabel('Typ', { exact: true }).selectOption('film');
    await page.getByLabel('Titel', { exact: true }).fill(title);
    await page.getByLabel('Sammanfattning').fill('Elever ger varandra **respons** på texter.\n\n- två stjärnor\n- en önskan');
    await page.getByLabel('Länk (https://…)').fill('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    // A wrong year is named beside its field, and nothing is saved.
    await page.getByLabel('Utgivningsår').fill('3000');
    await press(page.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(page.locator('#field-year-error')).toContainText('1800 och 2100');
    await page.getByLabel('Utgivningsår').fill('2026');
    await page.locator('#field-stages').getByText('Åk 4–6').click();
    await page.locator('#field-areas').getByText('Bedömning och betyg').click();
    await page.getByLabel('Nyckelord (skilj med kommatecken)').fill('kamratrespons, skrivande');
    await page.getByLabel('Förhandsvisning').check();
    await expect(page.locator('.summary-preview strong')).toHaveText('respons');
    await expectAccessible(page, 'the item form');
    await screenshot(page, testInfo, 'library-edit');
    await press(page.getByRole('button', { name: 'Spara' }), testInfo);

    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const film = page.locator('.film iframe');
    await expect(film).toHaveAttribute('src', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
    await expect(film).toHaveAttribute('title', `Film: ${title}`);
    await expect(page.locator('.summary li')).toHaveCount(2);
    const tags = page.locator('dd ul.tags');
    await expect(tags).toContainText('Åk 4–6');
    await expect(tags).toContainText('Bedömning och betyg');
    await expect(tags).toContainText('kamratrespons');
    await expectAccessible(page, 'an item with its film');
    await screenshot(page, testInfo, 'library-item');

    // Found by a word form of its keyword, the match marked.
    await page.goto('/bibliotek');
    await page.getByLabel('Sök i biblioteket').fill('kamratresponsen');
    const hit = page.locator('.library-item').filter({ hasText: title });
    await expect(hit).toBeVisible();
    await expect(hit.locator('mark').first()).toBeVisible();
  });

  test('a teacher submits a good example and the ICT strategist approves it', async ({ page }, testInfo) => {
    const title = `Exit tickets i NO (${testInfo.project.name})`;
    await signIn(page, testInfo, 'larare@demo.test');
    await page.goto('/bibliotek');
    await press(page.getByRole('link', { name: 'Skicka in ett gott exempel' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Skicka in ett gott exempel' })).toBeVisible();
    // A teacher does not choose the kind: it is a good example.
    await expect(page.getByLabel('Typ', { exact: true })).toHaveCount(0);
    // A title the library has is pointed out, though it may still be saved.
    await page.getByLabel('Titel', { exact: true }).fill('Exit tickets i matematik på lågstadiet');
    await expect(page.locator('.field-warning')).toContainText('Det finns redan material med den titeln: Exit tickets i matematik på lågstadiet');
    await page.getByLabel('Titel', { exact: true }).fill(title);
    await expect(page.locator('.field-warning')).toBeEmpty();
    await page.getByLabel('Sammanfattning').fill('Tre frågor på en lapp i slutet av lektionen.');
    await page.locator('#field-stages').getByText('Åk 7–9').click();
    await expectAccessible(page, 'the good example form');
    await press(page.getByRole('button', { name: 'Skicka in för granskning' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.locator('.status-badge')).toHaveText('Väntar på granskning');
    // The author sees it among their submissions; others do not see it in the library.
    await page.goto('/bibliotek');
    await expect(page.getByRole('region', { name: 'Mina inskickade exempel' }).getByRole('link', { name: title })).toBeVisible();
    await signOut(page);

    await signIn(page, testInfo, 'ikt@demo.test');
    await page.goto('/bibliotek');
    const queue = page.getByRole('region', { name: /^Att granska/ });
    await press(queue.getByRole('link', { name: title }), testInfo);
    await expect(page.getByRole('heading', { level: 2, name: 'Granskning' })).toBeVisible();
    await expectAccessible(page, 'a submission under review');
    await screenshot(page, testInfo, 'library-review');
    await press(page.getByRole('button', { name: 'Godkänn och publicera' }), testInfo);
    await expect(page.getByRole('heading', { level: 2, name: 'Granskning' })).toHaveCount(0);
    await expect(page.locator('.status-badge')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Lyft fram som utvalt' })).toBeVisible();
    await page.goto('/bibliotek');
    await expect(page.getByRole('region', { name: 'Nytt i biblioteket' }).getByRole('link', { name: title })).toBeVisible();
  });

  test('a teacher searches "bedömning" for F–3 and opens a result', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    // The start page shows what is new for the teacher's subjects and stages.
    const forMe = page.getByRole('region', { name: 'Nytt i biblioteket för dig' });
    await expect(forMe.getByRole('link').first()).toBeVisible();
    await page.goto('/bibliotek');
    await page.getByLabel('Sök i biblioteket').fill('bedömning');
    await expect(page.locator('.result-count')).toContainText('träffar');
    await press(page.getByText('Filtrera'), testInfo);
    await page.getByLabel('Stadium').selectOption('ak1_3');
    const results = page.locator('.library-item');
    // Every result is for åk 1–3 (once the filter's answer is in), and its words are marked.
    await expect(results.locator('.item-meta').filter({ hasNotText: 'Åk 1–3' })).toHaveCount(0);
    await expect(results.first()).toBeVisible();
    await expect(page.locator('.library-item mark').first()).toBeVisible();
    const target = results.filter({ hasText: 'Bedömningsstöd i matematik för årskurs 1–3' });
    await expect(target.locator('mark').first()).toHaveText('Bedömningsstöd');
    await expectAccessible(page, 'search results');
    await screenshot(page, testInfo, 'library-search');
    // By keyboard alone: Tab to the result and follow it with Enter.
    await tabTo(page, target.getByRole('link'));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Bedömningsstöd i matematik för årskurs 1–3' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Öppna länken' })).toHaveAttribute('href', /skolverket\.se/);
    await expect(page.locator('dt:text-is("I samlingar") + dd')).toContainText('Inför lärgruppsträff 3');
    // A typo is corrected and said so.
    await page.goto('/bibliotek');
    await page.getByLabel('Sök i biblioteket').fill('bedomning ');
    await expect(page.locator('.corrected')).toContainText('Visar resultat för');
    await expect(page.locator('.library-item').first()).toBeVisible();
  });

  test('the library keeps its search, filters and place when one comes back from an item', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    await page.goto('/bibliotek');
    await page.getByLabel('Sök i biblioteket').fill('bedömning');
    const results = page.locator('.library-item');
    await expect(results.first()).toBeVisible();
    // The search is in the address, so a reload or a shared link finds it too.
    await expect(page).toHaveURL(/\/bibliotek\?q=bed%C3%B6mning/);
    const count = await page.locator('.result-count').textContent();
    // Scrolled down to the last result, it is opened.
    const last = results.last();
    await last.scrollIntoViewIfNeeded();
    const scrolled = await page.evaluate(() => window.scrollY);
    const title = (await last.locator('h3').textContent())!;
    await press(last.getByRole('link'), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    // Back (the browser's) returns to the same search, list and place.
    await page.goBack();
    await expect(page.getByLabel('Sök i biblioteket')).toHaveValue('bedömning');
    await expect(page.locator('.result-count')).toHaveText(count!);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled / 2);
    // And so does the item's own link back.
    await press(results.first().getByRole('link'), testInfo);
    await press(page.getByRole('link', { name: 'Till biblioteket' }), testInfo);
    await expect(page.getByLabel('Sök i biblioteket')).toHaveValue('bedömning');
    await expect(page.locator('.result-count')).toHaveText(count!);
    // A filter is kept by a reload, with the filters shown.
    await press(page.getByText('Filtrera'), testInfo);
    await page.getByLabel('Typ', { exact: true }).selectOption({ label: 'Film' });
    await expect(page).toHaveURL(/kind=film/);
    await page.reload();
    await expect(page.getByLabel('Typ', { exact: true })).toHaveValue('film');
    await expect(page.getByLabel('Sök i biblioteket')).toHaveValue('bedömning');
    await expectAccessible(page, 'the library after coming back');
  });

  test('the ICT strategist gathers items into a collection in order', async ({ page }, testInfo) => {
    const title = `Inför träff 4 (${testInfo.project.name})`;
    await signIn(page, testInfo, 'ikt@demo.test');
    await page.goto('/bibliotek');
    await press(page.getByRole('link', { name: 'Ny samling' }), testInfo);
    await page.getByLabel('Namn på samlingen').fill(title);
    await page.getByLabel('Anteckning').fill('Läs *före* träffen.');
    const find = page.getByLabel('Sök material att lägga till');
    await find.fill('återkoppling');
    await press(page.getByRole('button', { name: 'Lägg till material: Återkoppling som för lärandet framåt' }), testInfo);
    await find.fill('tiokamrater');
    await expect(page.getByRole('button', { name: /^Lägg till material: / })).toHaveCount(0);
    // What is in the collection is not offered again; a hit says its kind and source.
    await find.fill('återkoppling som för lärandet');
    await expect(page.locator('.find-results li').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Lägg till material: Återkoppling som för lärandet framåt' })).toHaveCount(0);
    await find.fill('exit tickets');
    const hit = page.locator('.find-results li').filter({ hasText: 'Exit tickets i matematik på lågstadiet' });
    await expect(hit).toContainText('Gott exempel · Elin Sjöberg, Kyrkbacksskolan');
    await press(page.getByRole('button', { name: 'Lägg till material: Exit tickets i matematik på lågstadiet' }), testInfo);
    await press(page.getByRole('button', { name: 'Flytta upp: Exit tickets i matematik på lågstadiet' }), testInfo);
    await expectAccessible(page, 'the collection editor');
    await press(page.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.locator('.summary em')).toHaveText('före');
    await expect(page.locator('.library-item .item-title')).toHaveText([
      'Exit tickets i matematik på lågstadiet',
      'Återkoppling som för lärandet framåt',
    ]);
    await screenshot(page, testInfo, 'library-collection');
    await press(page.getByRole('link', { name: 'Återkoppling som för lärandet framåt' }), testInfo);
    await expect(page.locator('dt:text-is("I samlingar") + dd')).toContainText(title);
  });

  test('the ICT strategist imports a list of links after a preview', async ({ page }, testInfo) => {
    const device = testInfo.project.name;
    const csv = `titel;länk;beskrivning;typ;ämnen;stadier;taggar\n` +
      `Taluppfattning ${device};https://example.se/${device}/tal;Om tal;Länk;Matematik;F-3;tal\n` +
      `Läsfilm ${device};https://example.se/${device}/las;;Filmm;svenska;4–6;läsning\n`;
    await signIn(page, testInfo, 'ikt@demo.test');
    await page.goto('/bibliotek/import');
    const input = page.getByLabel('CSV-fil');
    await input.setInputFiles({ name: 'lankar.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await press(page.getByRole('button', { name: 'Förhandsgranska' }), testInfo);
    // The misspelt type is named with its line, and a suggestion; nothing can be imported.
    await expect(page.locator('.import-errors')).toContainText('Menade du "Film"?');
    await expect(page.getByRole('button', { name: 'Importera' })).toBeDisabled();
    await expectAccessible(page, 'the library import with errors');
    await input.setInputFiles({ name: 'lankar.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.replace('Filmm', 'Film')) });
    await press(page.getByRole('button', { name: 'Förhandsgranska' }), testInfo);
    await expect(page.locator('.import-titles li')).toHaveText([`Taluppfattning ${device}`, `Läsfilm ${device}`]);
    await press(page.getByRole('button', { name: 'Importera' }), testInfo);
    await expect(page.locator('.form-success')).toContainText('Nytt material: 2');
    const download = page.waitForEvent('download');
    await press(page.getByRole('button', { name: 'Exportera som CSV' }), testInfo);
    const file = await (await download).path();
    const text = (await import('fs')).readFileSync(file!, 'utf8');
    expect(text).toContain(`Taluppfattning ${device};https://example.se/${device}/tal`);
  });
});
