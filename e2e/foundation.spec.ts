import { expect, test } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings';
import { mainNav, signIn, signOut, stepScreenshots } from './support';

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test('an admin creates an agent, and the agent is refused the admin page and API', async ({ page, baseURL }, testInfo) => {
  const shot = stepScreenshots(page, testInfo, 'foundation');
  const agent = { email: `ada.${unique()}@braid.test`, name: 'Ada Lovelace', password: 'agent-password-1' };

  await test.step('the sign-in page shows the API error for a wrong password', async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Sign in to Braid' })).toBeVisible();
    await shot('sign-in');

    await signIn(page, ADMIN_EMAIL, 'not-the-password');
    await expect(page.getByRole('alert')).toContainText('email or password');
    await expect(page).toHaveURL(/\/$/);
    await shot('wrong-password');
  });

  await test.step('the admin signs in and sees the app shell, which opens the live event stream', async () => {
    const liveStream = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/events');
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect((await liveStream).status()).toBe(200);
    await expect(page).toHaveURL(/\/chat$/);
    for (const name of ['Chat', 'Contacts', 'Settings']) {
      await expect(mainNav(page).getByRole('link', { name, exact: true })).toBeVisible();
    }
    await expect(mainNav(page).getByRole('link', { name: 'Chat', exact: true })).toHaveAttribute('aria-current', 'page');
    // Other specs share this server, so the inbox may already hold conversations: check the page, not its rows.
    await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
    await shot('chat');
  });

  await test.step('the settings path of the guide leads to Merge Automation, and Back returns to Instagram', async () => {
    await mainNav(page).getByRole('link', { name: 'Settings', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    for (const name of ['Instagram', 'WhatsApp', 'Agents', 'Workspace']) {
      await expect(page.getByRole('main').getByRole('link', { name, exact: true })).toBeVisible();
    }
    await shot('settings');
    await page.getByRole('link', { name: 'Instagram', exact: true }).click();
    await page.getByRole('link', { name: 'Prompt Settings', exact: true }).click();
    await page.getByRole('link', { name: 'Merge Automation', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Merge Automation' })).toBeVisible();
    await shot('merge-automation');
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Instagram' })).toBeVisible();
    await expect(page).toHaveURL(/\/settings\/instagram$/);
  });

  await test.step('the admin creates an agent', async () => {
    await mainNav(page).getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('main').getByRole('link', { name: 'Agents', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'People in this workspace' }).getByText(ADMIN_EMAIL)).toBeVisible();

    const form = page.getByRole('form', { name: 'Add a person' });
    await form.getByRole('textbox', { name: 'Email' }).fill(agent.email);
    await form.getByRole('textbox', { name: 'Name' }).fill(agent.name);
    await expect(form.getByRole('radio', { name: 'Agent', exact: true })).toBeChecked();
    await form.getByLabel('Password', { exact: true }).fill(agent.password);
    await form.getByRole('button', { name: 'Create agent' }).click();

    await expect(page.getByRole('status')).toContainText(`${agent.name} was added as an agent`);
    const people = page.getByRole('list', { name: 'People in this workspace' });
    await expect(people.getByText(agent.email)).toBeVisible();
    await expect(form.getByRole('textbox', { name: 'Email' })).toHaveValue('');
    await shot('agent-created');
  });

  await test.step('a second account with the same email is refused on the form', async () => {
    const form = page.getByRole('form', { name: 'Add a person' });
    await form.getByRole('textbox', { name: 'Email' }).fill(agent.email);
    await form.getByRole('textbox', { name: 'Name' }).fill('Someone Else');
    await form.getByLabel('Password', { exact: true }).fill('another-password');
    await form.getByRole('button', { name: 'Create agent' }).click();
    await expect(form.getByRole('alert')).toContainText('already exists');
    await shot('email-taken');
  });

  await test.step('the admin disables the agent after confirming, and turns them back on', async () => {
    const active = page.getByRole('switch', { name: `Active for ${agent.name}` });
    await expect(active).toBeChecked();
    await active.click();
    const dialog = page.getByRole('dialog', { name: `Disable ${agent.name}?` });
    await expect(dialog).toBeVisible();
    await shot('disable-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(active).toBeChecked();

    await active.click();
    await page.getByRole('dialog', { name: `Disable ${agent.name}?` }).getByRole('button', { name: 'OK' }).click();
    await expect(page.getByRole('status')).toContainText(`${agent.name} can no longer sign in`);
    await expect(active).not.toBeChecked();

    await active.click();
    await expect(page.getByRole('status')).toContainText(`${agent.name} can sign in again`);
    await expect(active).toBeChecked();
  });

  await test.step('the admin signs out', async () => {
    await signOut(page);
    await expect(page.getByText('You have signed out.')).toBeVisible();
    await shot('signed-out');
  });

  await test.step('the agent signs in and is refused the agents page', async () => {
    await signIn(page, agent.email, agent.password);
    await expect(page).toHaveURL(/\/chat$/);
    await expect(mainNav(page).getByRole('link', { name: 'Settings', exact: true })).toBeVisible();
    await shot('agent-chat');

    await page.goto('/settings/agents');
    await expect(page.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('Only admins can');
    await expect(page.getByRole('button', { name: 'Create agent' })).toHaveCount(0);
    await shot('agent-refused');
  });

  await test.step('the API refuses the agent too (403 with a message)', async () => {
    const response = await page.request.post('/api/users', {
      headers: { Origin: baseURL! },
      data: { email: `eve.${unique()}@braid.test`, name: 'Eve', role: 'admin', password: 'password-123' },
    });
    expect(response.status()).toBe(403);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('forbidden');
    expect(body.error.message).toMatch(/only admins/i);
  });
});

test('an expired session returns to sign-in with a message, and signing in again returns to the page', async ({ page, context }, testInfo) => {
  const shot = stepScreenshots(page, testInfo, 'expired');
  await page.goto('/');
  // Wait for the live stream too: opened after the cookie is gone, its refusal alone would end the session.
  const liveStream = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/events');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/chat$/);
  await liveStream;

  await context.clearCookies();
  await mainNav(page).getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('main').getByRole('link', { name: 'Agents', exact: true }).click();

  await expect(page.getByRole('heading', { name: 'Sign in to Braid' })).toBeVisible();
  await expect(page.getByText('Your session has expired')).toBeVisible();
  await shot('session-expired');

  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/settings\/agents$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
});

test('the sign-in and the main navigation work with the keyboard alone', async ({ page }, testInfo) => {
  const shot = stepScreenshots(page, testInfo, 'keyboard');
  await page.goto('/');
  // The Email field has focus on arrival.
  await expect(page.getByRole('textbox', { name: 'Email' })).toBeFocused();
  await page.keyboard.type(ADMIN_EMAIL);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type(ADMIN_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/chat$/);
  // Signing in lands on the page's heading, as a page load would.
  await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeFocused();

  // From the top of a freshly loaded page: the skip link first, then the sidebar in order.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(mainNav(page).getByRole('link', { name: 'Chat', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const settings = mainNav(page).getByRole('link', { name: 'Settings', exact: true });
  await expect(settings).toBeFocused();
  await shot('sidebar-focus');
  await page.keyboard.press('Enter');
  // Focus moves to the new page's heading, as after a page load.
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Instagram', exact: true })).toBeFocused();
  await shot('settings-link-focus');

  // The account menu opens from the keyboard and Escape closes it again.
  const account = page.getByRole('button', { name: /^Account/ });
  await account.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();
  await expect(account).toBeFocused();
});

test('a setup link that cannot be used says so instead of showing the form', async ({ page }) => {
  // The e2e server starts with an admin, so no setup link is valid.
  await page.goto('/setup?token=not-a-real-token');
  await expect(page.getByRole('heading', { name: 'Set up Braid' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('This setup link cannot be used');
  await expect(page.getByRole('button', { name: 'Create admin account' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Go to sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Braid' })).toBeVisible();
});

test('every page of the app shell has its heading, at desktop width and at 375 px', async ({ page }, testInfo) => {
  const shot = stepScreenshots(page, testInfo, 'pages');
  await page.goto('/');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/chat$/);

  const pages: Array<[path: string, heading: string, name: string]> = [
    ['/chat', 'Chat', 'chat'],
    ['/chat/c_123', 'Conversation', 'conversation'],
    ['/contacts', 'Contacts', 'contacts'],
    ['/settings', 'Settings', 'settings'],
    ['/settings/instagram', 'Instagram', 'instagram'],
    ['/settings/instagram/prompt-settings', 'Prompt Settings', 'prompt-settings'],
    ['/settings/instagram/prompt-settings/merge-automation', 'Merge Automation', 'merge-automation'],
    ['/settings/whatsapp', 'WhatsApp', 'whatsapp'],
    ['/settings/workspace', 'Workspace', 'workspace'],
    ['/no/such/page', 'Page not found', 'not-found'],
  ];
  for (const [path, heading, name] of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
    await shot(name);
  }

  await page.getByRole('button', { name: /^Account/ }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await shot('account-menu');
});
