import { expect, test } from '@playwright/test';
import { PASSWORD, expectAccessible, layoutShift, openMore, press, screenshot, signIn, tabTo } from '../helper';

test.describe('signing in', () => {
  test('a teacher signs in and sees their start page in Swedish', async ({ page }, testInfo) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/logga-in\?next=%2F$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await expectAccessible(page, 'the sign-in page');
    await screenshot(page, testInfo, 'login');

    await page.getByLabel('E-postadress').fill('larare@demo.test');
    await page.getByLabel('Lösenord', { exact: true }).fill(PASSWORD);
    await press(page.getByRole('button', { name: 'Logga in' }), testInfo);

    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Min översikt' })).toBeVisible();
    await expect(page).toHaveTitle('Min översikt – Kollegium');
    await expect(page.getByText('Hej, Elin Sjöberg!')).toBeVisible();
    const facts = page.locator('dl.facts');
    await expect(facts).toContainText('Demo kommun');
    await expect(facts).toContainText('Tallåsskolan');
    await expect(facts).toContainText('Lärare');
    await expect(facts).toContainText('Matematik');
    await expect(facts).toContainText('Åk 7–9');
    await expectAccessible(page, 'the start page');
    await screenshot(page, testInfo, 'start');
  });

  test('the start page keeps its place while its cards load', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    const shift = await layoutShift(page, '/');
    await expect(page.locator('dl.facts')).toBeVisible();
    expect(shift, 'cumulative layout shift of the start page').toBeLessThan(0.1);
  });

  test('a wrong password shows the Swedish message and keeps the form', async ({ page }, testInfo) => {
    await page.goto('/logga-in');
    await page.getByLabel('E-postadress').fill('larare@demo.test');
    await page.getByLabel('Lösenord', { exact: true }).fill('fel-losenord');
    await press(page.getByRole('button', { name: 'Logga in' }), testInfo);
    await expect(page.getByRole('alert')).toHaveText('Fel e-postadress eller lösenord.');
    await expect(page).toHaveURL(/\/logga-in/);
    await expect(page.getByLabel('E-postadress')).toHaveValue('larare@demo.test');
    await expectAccessible(page, 'the sign-in page with an error');
    await screenshot(page, testInfo, 'login-wrong-password');
  });

  test('a mistyped address is caught beside the field before anything is sent', async ({ page }, testInfo) => {
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/auth/login')) sent.push(r.url());
    });
    await page.goto('/logga-in');
    await page.getByLabel('E-postadress').fill('larare.demo.test');
    await press(page.getByRole('button', { name: 'Logga in' }), testInfo);
    const email = page.getByLabel('E-postadress');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#field-email-error')).toContainText('Ange en giltig e-postadress');
    await expect(page.locator('#field-password-error')).toHaveText('Fältet måste fyllas i.');
    await expect(email).toBeFocused();
    expect(sent).toEqual([]);
    await expectAccessible(page, 'the sign-in page with field errors');
    await screenshot(page, testInfo, 'login-field-errors');
  });

  test('a reload keeps the session, and deep links work', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'styrgrupp@demo.test');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Min översikt' })).toBeVisible();
    await expect(page.locator('dl.facts')).toContainText('Styrgrupp');
    await expect(page.locator('dl.facts')).toContainText('Rektor');
    await page.goto('/profil');
    await expect(page.getByRole('heading', { level: 1, name: 'Profil' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Profil' })).toBeVisible();
    await expectAccessible(page, 'the profile page');
    await screenshot(page, testInfo, 'profile');
  });

  test('an expired session goes to sign-in and comes back to the same page', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'ikt@demo.test');
    await page.goto('/profil');
    await expect(page.getByRole('heading', { level: 1, name: 'Profil' })).toBeVisible();
    // The server no longer accepts the token (as after a restart with a new secret).
    await page.evaluate(() => {
      const stored = JSON.parse(localStorage.getItem('kollegium.session') ?? '{}');
      stored.token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.invalid';
      localStorage.setItem('kollegium.session', JSON.stringify(stored));
    });
    await page.reload();
    await expect(page).toHaveURL(/\/logga-in\?next=%2Fprofil$/);
    await expect(page.getByRole('status').filter({ hasText: 'Din inloggning har gått ut' })).toBeVisible();
    await page.getByLabel('E-postadress').fill('ikt@demo.test');
    await page.getByLabel('Lösenord', { exact: true }).fill(PASSWORD);
    await press(page.getByRole('button', { name: 'Logga in' }), testInfo);
    await expect(page).toHaveURL(/\/profil$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Profil' })).toBeVisible();
  });

  test('signing out forgets the session', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'rektor@demo.test');
    await press(page.getByRole('button', { name: 'Logga ut' }), testInfo);
    await expect(page).toHaveURL(/\/logga-in/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/logga-in\?next=%2F$/);
  });
});

test.describe('language', () => {
  test('English can be chosen and is remembered', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    await press(page.getByRole('button', { name: 'English' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'My overview' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveTitle('My overview – Kollegium');
    await expect(page.locator('dl.facts')).toContainText('Mathematics');
    await expect(page.locator('dl.facts')).toContainText('Teacher');
    await expectAccessible(page, 'the start page in English');
    await screenshot(page, testInfo, 'start-english');

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'My overview' })).toBeVisible();
    await press(page.getByRole('button', { name: 'Svenska' }), testInfo);
    await expect(page.getByRole('heading', { level: 1, name: 'Min översikt' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  });

  test('server messages follow the chosen language', async ({ page }, testInfo) => {
    await page.goto('/logga-in');
    await press(page.getByRole('button', { name: 'English' }), testInfo);
    await page.getByLabel('E-mail address').fill('larare@demo.test');
    await page.getByLabel('Password', { exact: true }).fill('wrong-password');
    await press(page.getByRole('button', { name: 'Sign in' }), testInfo);
    await expect(page.getByRole('alert')).toHaveText('Wrong e-mail address or password.');
  });
});

test.describe('keyboard', () => {
  test('sign in and move around with the keyboard alone', async ({ page }) => {
    await page.goto('/logga-in');
    await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Hoppa till innehållet' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('E-postadress')).toBeFocused();
    await page.keyboard.type('larare@demo.test');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Lösenord', { exact: true })).toBeFocused();
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Min översikt' })).toBeVisible();

    // The main menu is reachable by Tab and follows with Enter; the places beyond the
    // main ones are behind "Mer": Enter opens it, Escape closes it and leaves the focus
    // on it. Where the focus starts after signing in varies (the form's button is gone),
    // so Tab goes on until "Mer" has it, at most 40 times.
    const details = page.locator('.site-header details.nav-more');
    const more = details.locator('summary');
    await expect(more).toHaveText(/^Mer/);
    await tabTo(page, more, 40);
    await page.keyboard.press('Enter');
    await expect(details).toHaveAttribute('open', '');
    await page.keyboard.press('Escape');
    await expect(page.locator('#nav-more-list')).toBeHidden();
    await expect(more).toBeFocused();
    await page.keyboard.press('Enter');
    const profile = page.locator('#nav-more-list').getByRole('link', { name: 'Profil' });
    await tabTo(page, profile, 12);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Profil' })).toBeVisible();
    // Following a link closes the list.
    await expect(page.locator('#nav-more-list')).toBeHidden();
  });
});

test.describe('the header', () => {
  test('keeps to one row for every role in Swedish and English, and its list comes into view', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    for (const email of ['larare@demo.test', 'rektor@demo.test', 'styrgrupp@demo.test', 'verksamhetschef@demo.test', 'admin@demo.test', 'ikt@demo.test', 'forskare@demo.test']) {
      await signIn(page, testInfo, email);
      for (const lang of ['sv', 'en']) {
        const header = page.locator('.site-header');
        const box = await header.boundingBox();
        // One row: the touch-sized controls and the padding, nothing wrapped below.
        expect(box!.height, `${email} ${lang}: header height`).toBeLessThanOrEqual(64);
        const list = await openMore(page, testInfo);
        const shown = await list.boundingBox();
        const viewport = page.viewportSize()!;
        expect(shown!.y + shown!.height, `${email} ${lang}: the list in view`).toBeLessThanOrEqual(viewport.height);
        expect(shown!.x + shown!.width, `${email} ${lang}: the list in view`).toBeLessThanOrEqual(viewport.width);
        if (email === 'larare@demo.test' && lang === 'sv') {
          await expectAccessible(page, 'the header with its list open');
          await screenshot(page, testInfo, 'header-more');
        }
        // A tap elsewhere (here on the page's heading, under the list's backdrop) closes it.
        const spot = (await page.getByRole('heading', { level: 1 }).boundingBox())!;
        if (testInfo.project.use.hasTouch) await page.touchscreen.tap(spot.x + 5, spot.y + 5);
        else await page.mouse.click(spot.x + 5, spot.y + 5);
        await expect(page.locator('#nav-more-list')).toBeHidden();
        await press(header.getByRole('button', { name: lang === 'sv' ? 'English' : 'Svenska' }), testInfo);
      }
      await press(page.getByRole('button', { name: /^(Logga ut|Sign out)$/ }), testInfo);
    }
  });
});

test.describe('password', () => {
  test('a person changes their password and signs in with the new one', async ({ page }, testInfo) => {
    // One person per device, so that the two projects running side by side do not meet.
    const email = testInfo.project.name === 'ipad' ? 'alva.almgren@demo.test' : 'bertil.hedlund@demo.test';
    await signIn(page, testInfo, email);
    await page.goto('/profil');

    await page.getByLabel('Nuvarande lösenord').fill(PASSWORD);
    await page.getByLabel('Nytt lösenord', { exact: true }).fill('kort');
    await page.getByLabel('Upprepa nytt lösenord').fill('annat');
    await press(page.getByRole('button', { name: 'Spara nytt lösenord' }), testInfo);
    await expect(page.locator('#field-new_password-error')).toHaveText('Lösenordet måste ha minst 10 tecken.');
    await expect(page.locator('#field-repeat_password-error')).toHaveText('Lösenorden är inte likadana.');
    await expectAccessible(page, 'the profile page with errors');
    await screenshot(page, testInfo, 'profile-errors');

    await page.getByLabel('Nuvarande lösenord').fill('inte-mitt-losenord');
    await page.getByLabel('Nytt lösenord', { exact: true }).fill('ett-nytt-langt-losenord');
    await page.getByLabel('Upprepa nytt lösenord').fill('ett-nytt-langt-losenord');
    await press(page.getByRole('button', { name: 'Spara nytt lösenord' }), testInfo);
    await expect(page.locator('#field-current_password-error')).toHaveText('Det nuvarande lösenordet stämmer inte.');

    await page.getByLabel('Nuvarande lösenord').fill(PASSWORD);
    await press(page.getByRole('button', { name: 'Spara nytt lösenord' }), testInfo);
    await expect(page.getByRole('status').filter({ hasText: 'Lösenordet är bytt.' })).toBeVisible();
    // The page goes on with the new session: still signed in after a reload.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Profil' })).toBeVisible();

    await press(page.getByRole('button', { name: 'Logga ut' }), testInfo);
    await signIn(page, testInfo, email, 'ett-nytt-langt-losenord');
  });
});

test.describe('unknown pages', () => {
  test('a path that does not exist says so', async ({ page }, testInfo) => {
    await signIn(page, testInfo, 'larare@demo.test');
    await page.goto('/finns-inte');
    await expect(page.getByRole('heading', { level: 1, name: 'Sidan finns inte' })).toBeVisible();
    await expectAccessible(page, 'the not-found page');
  });
});
