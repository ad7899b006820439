import { expect, test } from '@playwright/test';
import { expectAccessible, openAdmin, press, screenshot, signIn, tabTo, navigate, openMore } from '../helper';

test.describe('colleague directory', () => {
  test('a teacher finds a colleague in another school by subject', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    await navigate(page, testInfo, 'Hitta kollega');
    await expect(page.getByRole('heading', { level: 1, name: 'Hitta kollega' })).toBeVisible();
    await expect(page).toHaveTitle('Hitta kollega – Kollegium');
    await expect(page.getByRole('status').filter({ hasText: 'kollegor hittades' })).toBeVisible();

    await page.getByLabel('Ämne', { exact: true }).selectOption({ label: 'Musik' });
    await page.getByLabel('Stadium', { exact: true }).selectOption({ label: 'Åk 7–9' });
    const people = page.locator('li.person');
    await expect(page.getByRole('status').filter({ hasText: /^\d+ kollegor hittades$/ })).toBeVisible();
    await expect(people.first()).toContainText('Musik');
    const schools = await page.locator('li.person .person-school').allTextContents();
    expect(new Set(schools).size, 'music teachers at several schools').toBeGreaterThan(1);
    expect(schools.some((s) => s !== 'Tallåsskolan'), 'one is at another school than mine').toBe(true);
    // Each card names the colleague's groups this year, linked.
    await expect(people.first().locator('.person-groups')).toContainText('Grupper: ');
    await expect(people.first().locator('.person-groups a').first()).toHaveAttribute('href', /^\/grupper\/\d+$/);
    await expectAccessible(page, 'the directory with filters');
    await screenshot(page, testInfo, 'directory-filters');

    // Search as you type, case- and accent-insensitive.
    await page.getByLabel('Ämne', { exact: true }).selectOption({ label: 'Alla' });
    await page.getByLabel('Stadium', { exact: true }).selectOption({ label: 'Alla' });
    await page.getByLabel('Sök på namn, ämne, skola eller kunskap').fill('ÅSA');
    await expect(people.first()).toContainText('Åsa');
    for (const name of await page.locator('li.person .person-name').allTextContents()) {
      expect(name.toLowerCase()).toContain('åsa');
    }
    await screenshot(page, testInfo, 'directory-search');
  });

  test('the directory is usable in English and in portrait', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await signIn(page, testInfo, 'rektor@demo.test');
    await page.goto('/kollegor');
    await press(page.getByRole('button', { name: 'English' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Find a colleague' })).toBeVisible();
    await page.getByLabel('Subject', { exact: true }).selectOption({ label: 'Mathematics' });
    await expect(page.locator('li.person').first()).toContainText('Mathematics');
    await expectAccessible(page, 'the directory in portrait, English');
    await screenshot(page, testInfo, 'directory-portrait');
  });
});

test.describe('staff import', () => {
  test('an administrator sees the line and column of an error, fixes the file and imports it', async ({ page }, testInfo) => {
    const suffix = testInfo.project.name;
    const header = 'namn;e-post;skola;ämnen;stadier;roller;titel';
    const good = `Hedda Import ${suffix};hedda.${suffix}@demo.test;Ekbackeskolan;svenska, matematik;F-3;lärare;`;
    const bad = `Ivar Import ${suffix};ivar.${suffix}@demo.test;Ekbackskolan;Matte;F-3;lärare;Förstelärare`;
    const fixed = `Ivar Import ${suffix};ivar.${suffix}@demo.test;Ekbackeskolan;Matematik;F-3;lärare;Förstelärare`;

    await signIn(page, testInfo, 'admin@demo.test');
    await openAdmin(page, testInfo, 'Importera personal');
    await expectAccessible(page, 'the import page');

    const file = page.getByLabel('CSV-fil');
    await file.setInputFiles({ name: 'personal.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${good}\n${bad}\n`) });
    await press(page.getByRole('button', { name: 'Förhandsgranska' }), testInfo);
    const errors = page.locator('table.import-errors tbody tr');
    await expect(errors).toHaveCount(2);
    await expect(errors.nth(0)).toContainText('3');
    await expect(errors.nth(0)).toContainText('skola');
    await expect(errors.nth(0)).toContainText('Okänd skola "Ekbackskolan". Menade du "Ekbackeskolan"?');
    await expect(errors.nth(1)).toContainText('ämnen');
    await expect(errors.nth(1)).toContainText('Menade du "Matematik"?');
    await expect(page.getByRole('button', { name: 'Importera', exact: true })).toBeDisabled();
    await expectAccessible(page, 'the import preview with errors');
    await screenshot(page, testInfo, 'import-errors');

    await file.setInputFiles({ name: 'personal.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${good}\n${fixed}\n`) });
    await press(page.getByRole('button', { name: 'Förhandsgranska' }), testInfo);
    await expect(page.locator('.counts')).toContainText('Nya2');
    await expect(errors).toHaveCount(0);
    await press(page.getByRole('button', { name: 'Importera', exact: true }), testInfo);
    await expect(page.getByRole('status').filter({ hasText: 'Importen är klar.' })).toContainText('Nya: 2');
    await screenshot(page, testInfo, 'import-done');

    // The new colleagues are in the directory at once.
    await page.goto('/kollegor');
    await page.getByLabel('Sök på namn, ämne, skola eller kunskap').fill(`ivar import ${suffix}`);
    await expect(page.locator('li.person')).toHaveCount(1);
    await expect(page.locator('li.person')).toContainText('Förstelärare');
  });

  test('a Windows-1252 file with commas, as older Excel saves it, imports with its letters intact', async ({ page }, testInfo) => {
    const suffix = testInfo.project.name;
    const text = [
      'namn,e-post,skola,ämnen,stadier,roller,titel',
      `Åsa Öberg ${suffix},asa.oberg.${suffix}@demo.test,Tallåsskolan,"slöjd, bild",7-9,lärare,Förstelärare`,
      '',
    ].join('\r\n');
    // Every letter here is Latin-1, which Windows-1252 agrees with.
    const bytes = Buffer.from(text, 'latin1');
    expect(bytes.includes(0xc3), 'the file is not UTF-8').toBe(false);

    await signIn(page, testInfo, 'admin@demo.test');
    await page.goto('/admin/import');
    await page.getByLabel('CSV-fil').setInputFiles({ name: 'personal.csv', mimeType: 'text/csv', buffer: bytes });
    await press(page.getByRole('button', { name: 'Förhandsgranska' }), testInfo);
    await expect(page.locator('.counts')).toContainText('Nya1');
    await press(page.getByRole('button', { name: 'Importera', exact: true }), testInfo);
    await expect(page.getByRole('status').filter({ hasText: 'Importen är klar.' })).toContainText('Nya: 1');

    await page.goto('/kollegor');
    await page.getByLabel('Sök på namn, ämne, skola eller kunskap').fill(`åsa öberg ${suffix}`);
    const person = page.locator('li.person');
    await expect(person).toHaveCount(1);
    await expect(person).toContainText(`Åsa Öberg ${suffix}`);
    await expect(person).toContainText('Slöjd');
    await expect(person).toContainText('Tallåsskolan');
  });

  test("Excel's Unicode text imports with every name intact, and a mixed file is refused by its line", async ({ page }, testInfo) => {
    const suffix = testInfo.project.name;
    // UTF-16LE with a byte-order mark, separated by tabs: Excel's "Unicode text".
    const text = ['namn\te-post', `Łukasz Wiśniewski ${suffix}\tlukasz.${suffix}@demo.test`, ''].join('\r\n');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    await signIn(page, testInfo, 'admin@demo.test');
    await page.goto('/admin/import');
    await page.getByLabel('CSV-fil').setInputFiles({ name: 'personal.txt', mimeType: 'text/plain', buffer: bytes });
    await press(page.getByRole('button', { name: 'Förhandsgranska' }), testInfo);
    await expect(page.locator('.counts')).toContainText('Nya1');
    await expect(page.locator('.import-preview')).toContainText('UTF-16LE · Avgränsare: tabb');
    await expectAccessible(page, 'the preview of a UTF-16 file');
    await press(page.getByRole('button', { name: 'Importera', exact: true }), testInfo);
    await expect(page.getByRole('status').filter({ hasText: 'Importen är klar.' })).toContainText('Nya: 1');
    await page.goto('/kollegor');
    await page.getByLabel('Sök på namn, ämne, skola eller kunskap').fill(`wiśniewski ${suffix}`);
    await expect(page.locator('li.person')).toHaveCount(1);
    await expect(page.locator('li.person')).toContainText(`Łukasz Wiśniewski ${suffix}`);

    // UTF-8 on the second line, Windows-1252 on the third: refused, naming line 3.
    const mixed = Buffer.concat([
      Buffer.from('namn;e-post\nÅsa Ek;asa.ek@demo.test\n', 'utf8'),
      Buffer.from('Örjan Ek;orjan.ek@demo.test\n', 'latin1'),
    ]);
    await page.goto('/admin/import');
    await page.getByLabel('CSV-fil').setInputFiles({ name: 'blandad.csv', mimeType: 'text/csv', buffer: mixed });
    await press(page.getByRole('button', { name: 'Förhandsgranska' }), testInfo);
    const errors = page.locator('.import-preview table');
    await expect(errors).toContainText('blandar teckenkodningar');
    await expect(errors.locator('tbody tr').first()).toContainText('3');
    await expect(page.locator('.import-preview p.muted'), 'no encoding is claimed for it').toHaveCount(0);
    await expectAccessible(page, 'a refused mixed file');
    await screenshot(page, testInfo, 'import-mixed-encodings');
  });

  test('a teacher has no import in the menu and is told so on the page', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    await expect((await openMore(page, testInfo)).getByRole('link', { name: 'Administration' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Importera personal' })).toHaveCount(0);
    await page.goto('/admin/import');
    await expect(page.getByRole('alert').filter({ hasText: 'Din roll har inte behörighet' })).toBeVisible();
  });
});

test.describe('staff administration', () => {
  test('an administrator adds a person, gives a one-time password, and the person must choose their own', async ({ page }, testInfo) => {
    const email = `nils.ny.${testInfo.project.name}@demo.test`;
    await signIn(page, testInfo, 'admin@demo.test');
    await openAdmin(page, testInfo, 'Personal');
    await expect(page.getByRole('status').filter({ hasText: 'kollegor hittades' })).toBeVisible();
    await expectAccessible(page, 'the staff list');

    await press(page.getByRole('button', { name: 'Lägg till person' }), testInfo);
    const form = page.locator('form.staff-form');
    await press(form.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(form.locator('#field-name-error')).toHaveText('Fältet måste fyllas i.');
    await form.getByLabel('Namn', { exact: true }).fill(`Nils Ny ${testInfo.project.name}`);
    await form.getByLabel('E-postadress').fill(email);
    await form.getByRole('checkbox', { name: 'Solrosskolan' }).check();
    await form.getByRole('checkbox', { name: 'Matematik' }).check();
    await form.getByRole('checkbox', { name: 'Åk 4–6' }).check();
    await expectAccessible(page, 'the new-person form');
    await screenshot(page, testInfo, 'staff-new');
    await press(form.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(form).toHaveCount(0);

    await page.getByLabel('Sök på namn, ämne, skola eller kunskap').fill(email);
    await expect(page.locator('table.staff-table tbody tr')).toHaveCount(1);
    await press(page.getByRole('button', { name: `Ändra Nils Ny ${testInfo.project.name}` }), testInfo);
    // A one-time password is asked for first, in a dialog that says what it does.
    const opener = page.locator('form.staff-form').getByRole('button', { name: 'Återställ lösenord' });
    await press(opener, testInfo);
    const dialog = page.getByRole('dialog', { name: 'Återställ lösenord' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('loggas ut på alla enheter');
    await expect(dialog.getByRole('button', { name: 'Avbryt' })).toBeFocused();
    await expectAccessible(page, 'the password dialog');
    // Escape closes it without resetting, and the focus returns to the button.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
    await press(opener, testInfo);
    await press(dialog.getByRole('button', { name: 'Återställ och visa engångslösenordet' }), testInfo);
    await expect(dialog.getByRole('button', { name: 'Kopiera lösenordet' })).toBeFocused();
    const code = dialog.locator('.one-time-password code');
    await expect(code).toBeVisible();
    const oneTime = (await code.textContent()) ?? '';
    expect(oneTime).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    // In view, next to nothing else: the dialog sits inside the viewport.
    const box = (await dialog.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await press(dialog.getByRole('button', { name: 'Kopiera lösenordet' }), testInfo);
    await expect(dialog.getByRole('status')).toHaveText('Kopierat.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(oneTime);
    await screenshot(page, testInfo, 'staff-one-time-password');
    await press(dialog.getByRole('button', { name: 'Stäng' }), testInfo);
    await expect(dialog).toBeHidden();

    await press(page.getByRole('button', { name: 'Logga ut' }), testInfo);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord', { exact: true }).fill(oneTime);
    await press(page.getByRole('button', { name: 'Logga in' }), testInfo);
    await expect(page).toHaveURL(/\/profil$/);
    await expect(page.getByRole('status').filter({ hasText: 'Välj ett nytt lösenord' })).toBeVisible();
    // Once chosen, the person goes on to the start page.
    await page.getByLabel('Nuvarande lösenord').fill(oneTime);
    await page.getByLabel('Nytt lösenord', { exact: true }).fill('ett eget långt lösenord 42');
    await page.getByLabel('Upprepa nytt lösenord').fill('ett eget långt lösenord 42');
    await press(page.getByRole('button', { name: 'Spara nytt lösenord' }), testInfo);
    await expect(page).toHaveURL(/\/$/);
  });

  test('a change based on an old version is refused, and a deactivated person cannot sign in', async ({ page }, testInfo) => {
    const who = testInfo.project.name === 'ipad' ? 'cecilia' : 'david';
    await signIn(page, testInfo, 'admin@demo.test');
    await page.goto('/admin/personal');
    await page.getByLabel('Sök på namn, ämne, skola eller kunskap').fill(who);
    const rows = page.locator('table.staff-table tbody tr');
    // Wait for the search to apply (it waits for a pause in typing).
    await expect(rows.first()).toContainText(new RegExp(who, 'i'));
    const name = (await rows.first().locator('td').first().textContent()) ?? '';
    const email = (await rows.first().locator('td').nth(1).textContent()) ?? '';
    await press(page.getByRole('button', { name: `Ändra ${name}` }), testInfo);
    const form = page.locator('form.staff-form');

    // Someone else changes the person meanwhile.
    await page.evaluate(async (address) => {
      const { token } = JSON.parse(localStorage.getItem('kollegium.session') ?? '{}');
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      const list = await (await fetch(`/api/v1/staff?q=${encodeURIComponent(address)}`, { headers })).json();
      const p = list.items[0];
      await fetch(`/api/v1/staff/${p.id}`, { method: 'PATCH', headers, body: JSON.stringify({ title: 'Ändrad av någon annan', version: p.version }) });
    }, email);

    await form.getByLabel('Titel (t.ex. förstelärare)').fill('Min ändring');
    await press(form.getByRole('button', { name: 'Spara' }), testInfo);
    await expect(form.getByRole('alert')).toHaveText('Någon annan har ändrat detta under tiden. Ladda om och försök igen.');
    await screenshot(page, testInfo, 'staff-conflict');
    // Cancelling reloads the list; wait for it before opening the person again.
    const reloaded = page.waitForResponse((r) => r.url().includes('/api/v1/staff?') && r.ok());
    await press(form.getByRole('button', { name: 'Avbryt' }), testInfo);
    await reloaded;

    await press(page.getByRole('button', { name: `Ändra ${name}` }), testInfo);
    await expect(page.locator('form.staff-form').getByLabel('Titel (t.ex. förstelärare)')).toHaveValue('Ändrad av någon annan');
    await press(page.locator('form.staff-form').getByRole('button', { name: 'Inaktivera' }), testInfo);
    await expect(page.locator('form.staff-form')).toHaveCount(0);
    await page.getByRole('checkbox', { name: 'Visa inaktiverade' }).check();
    await expect(page.locator('table.staff-table tbody tr', { hasText: email })).toContainText('Inaktiverad');

    await press(page.getByRole('button', { name: 'Logga ut' }), testInfo);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord', { exact: true }).fill('kollegium');
    await press(page.getByRole('button', { name: 'Logga in' }), testInfo);
    await expect(page.getByRole('alert')).toHaveText('Fel e-postadress eller lösenord.');
  });
});

test.describe('schools', () => {
  test('an administrator adds a school with stages and a principal, then deactivates it', async ({ page }, testInfo) => {
    const name = `Nyängsskolan ${testInfo.project.name}`;
    await signIn(page, testInfo, 'admin@demo.test');
    await openAdmin(page, testInfo, 'Skolor');
    await expect(page.locator('table.staff-table tbody tr', { hasText: 'Tallåsskolan' })).toContainText('Lars Sundqvist');
    await expectAccessible(page, 'the schools list');

    await press(page.getByRole('button', { name: 'Lägg till skola' }), testInfo);
    const form = page.locator('form.staff-form');
    await form.getByLabel('Skolans namn').fill(name);
    await form.getByRole('checkbox', { name: 'Åk 4–6' }).check();
    await form.getByRole('checkbox', { name: 'Fritidshem' }).check();
    await form.getByLabel('Rektor').selectOption({ label: 'Lars Sundqvist' });
    await expectAccessible(page, 'the new-school form');
    await screenshot(page, testInfo, 'school-new');
    await press(form.getByRole('button', { name: 'Spara' }), testInfo);
    const row = page.locator('table.staff-table tbody tr', { hasText: name });
    await expect(row).toContainText('Åk 4–6, Fritidshem');
    await expect(row).toContainText('Lars Sundqvist');

    await press(page.getByRole('button', { name: `Ändra ${name}` }), testInfo);
    await press(page.locator('form.staff-form').getByRole('button', { name: 'Inaktivera' }), testInfo);
    await expect(row).toContainText('Inaktiverad');

    // A deactivated school leaves the directory's school picker.
    await page.goto('/kollegor');
    await expect(page.getByLabel('Skola', { exact: true }).locator('option', { hasText: 'Tallåsskolan' })).toHaveCount(1);
    await expect(page.getByLabel('Skola', { exact: true }).locator('option', { hasText: name })).toHaveCount(0);
  });
});

test.describe('subjects', () => {
  test('an administrator adds an area of the municipality\'s own, which then appears in pickers', async ({ page }, testInfo) => {
    const name = `Elevhälsa ${testInfo.project.name}`;
    await signIn(page, testInfo, 'admin@demo.test');
    await openAdmin(page, testInfo, 'Ämnen och områden');
    await expect(page.locator('.subject-list').last()).toContainText('Svenska som andraspråk');
    await expectAccessible(page, 'the subjects page');

    const field = page.getByLabel('Namn på ämnet eller området');
    await field.fill('Matematik');
    await press(page.getByRole('button', { name: 'Lägg till ämne eller område' }), testInfo);
    await expect(page.locator('#field-name-error')).toContainText('finns redan');

    await field.fill(name);
    await press(page.getByRole('button', { name: 'Lägg till ämne eller område' }), testInfo);
    await expect(page.getByRole('status').filter({ hasText: 'Tillagt:' })).toContainText(name);
    await expect(page.locator('ul.own-subjects')).toContainText(name);
    await expect(field).toHaveValue('');
    await screenshot(page, testInfo, 'subjects');

    await page.goto('/kollegor');
    await expect(page.getByLabel('Ämne', { exact: true }).locator('option', { hasText: name })).toHaveCount(1);
  });
});

test.describe('keyboard alone', () => {
  test('search the directory and filter it without a pointer', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    await page.goto('/kollegor');
    const search = page.getByLabel('Sök på namn, ämne, skola eller kunskap');
    await tabTo(page, search);
    await page.keyboard.type('musik');
    await expect(page.locator('li.person').first()).toContainText('Musik');
    const subject = page.getByLabel('Ämne', { exact: true });
    await tabTo(page, subject);
    await page.keyboard.press('End');
    await expect(subject).not.toHaveValue('');
    await page.keyboard.press('Home');
    await expect(subject).toHaveValue('');
    await page.keyboard.press('Shift+Tab');
    await expect(subject).not.toBeFocused();
  });

  test('an administrator adds a person and a school, and previews an import, by keyboard', async ({ page }, testInfo) => {
    const suffix = testInfo.project.name;
    await signIn(page, testInfo, 'admin@demo.test');
    await page.goto('/admin');
    await tabTo(page, page.getByRole('link', { name: 'Personal', exact: true }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Personal' })).toBeVisible();

    await tabTo(page, page.getByRole('button', { name: 'Lägg till person' }));
    await page.keyboard.press('Enter');
    const form = page.locator('form.staff-form');
    await tabTo(page, form.getByLabel('Namn', { exact: true }));
    await page.keyboard.type(`Tangent Tina ${suffix}`);
    await tabTo(page, form.getByLabel('E-postadress'));
    await page.keyboard.type(`tina.tangent.${suffix}@demo.test`);
    const school = form.getByRole('checkbox', { name: 'Solrosskolan' });
    await tabTo(page, school);
    await page.keyboard.press('Space');
    await expect(school).toBeChecked();
    await tabTo(page, form.getByRole('button', { name: 'Spara' }));
    await page.keyboard.press('Enter');
    await expect(form).toHaveCount(0);
    await page.getByLabel('Sök på namn, ämne, skola eller kunskap').fill(`tina.tangent.${suffix}`);
    await expect(page.locator('table.staff-table tbody tr')).toHaveCount(1);

    await page.goto('/admin/skolor');
    await tabTo(page, page.getByRole('button', { name: 'Lägg till skola' }));
    await page.keyboard.press('Enter');
    const schoolForm = page.locator('form.staff-form');
    await tabTo(page, schoolForm.getByLabel('Skolans namn'));
    await page.keyboard.type(`Tangentskolan ${suffix}`);
    const stage = schoolForm.getByRole('checkbox', { name: 'Åk 1–3' });
    await tabTo(page, stage);
    await page.keyboard.press('Space');
    await tabTo(page, schoolForm.getByRole('button', { name: 'Spara' }));
    await page.keyboard.press('Enter');
    await expect(page.locator('table.staff-table tbody tr', { hasText: `Tangentskolan ${suffix}` })).toContainText('Åk 1–3');

    await page.goto('/admin/import');
    const file = page.getByLabel('CSV-fil');
    await tabTo(page, file);
    // The file dialog is the operating system's; choosing the file stands in for it.
    await file.setInputFiles({ name: 'p.csv', mimeType: 'text/csv', buffer: Buffer.from('namn;e-post;skola\nUtan Skola;utan@demo.test;Ingenstans\n') });
    await tabTo(page, page.getByRole('button', { name: 'Förhandsgranska' }));
    await page.keyboard.press('Enter');
    await expect(page.locator('table.import-errors tbody tr')).toHaveCount(1);
  });
});
