import { expect, test, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings';
import { mainNav, signIn, stepScreenshots } from './support';

/** Prompt Settings, Merge Automation and Workspace: what an admin edits, and refusals said in words. */
async function openPromptSettings(page: Page) {
  await page.goto('/');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await mainNav(page).getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('main').getByRole('link', { name: 'Instagram', exact: true }).click();
  await page.getByRole('link', { name: 'Prompt Settings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Prompt Settings' })).toBeVisible();
}

test('Prompt Settings lists "Hi" first and its editor shows the API\'s pointed message', async ({ page }, testInfo) => {
  const shot = stepScreenshots(page, testInfo, 'prompt-settings');
  await openPromptSettings(page);
  const automations = page.getByRole('list', { name: 'Automations' });
  await expect(automations.getByRole('heading', { level: 3 }).first()).toHaveText('Hi');
  await shot('automations');

  await page.getByRole('button', { name: 'Edit Hi' }).click();
  const editor = page.getByRole('form', { name: 'Edit automation Hi' });
  await expect(editor.getByRole('group', { name: 'Step 1: Send a text' })).toBeVisible();
  // A quick reply title over Meta's 20 characters: the API names the step and the field.
  const replies = editor.getByRole('group', { name: 'Step 2: Send quick replies' }).getByRole('textbox', { name: 'Quick replies' });
  await replies.fill('Talk to a human agent right now | TALK_TO_AGENT');
  await editor.getByRole('button', { name: 'Save automation' }).click();
  await expect(editor.getByRole('alert')).toContainText(/Step 2.*20 characters/);
  await shot('refused');

  // Moving a step carries the branch's targets with it; Cancel leaves the automation as it was.
  await editor.getByRole('button', { name: 'Move step 1 down' }).click();
  await expect(editor.getByRole('group', { name: 'Step 2: Send a text' })).toBeVisible();
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await expect(editor).toBeHidden();
});

test('Manual merge mode: a failed save moves the switch back and says why; the keyboard alone can toggle it', async ({ page }, testInfo) => {
  const shot = stepScreenshots(page, testInfo, 'merge-automation');
  await openPromptSettings(page);
  await page.getByRole('link', { name: 'Merge Automation', exact: true }).click();
  const toggle = page.getByRole('switch', { name: 'Manual merge mode' });
  const before = await toggle.isChecked();

  await page.route('**/api/channels/*/settings', (route) =>
    route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'The database is busy. Try again in a moment.' } }) }),
  );
  await toggle.click();
  await expect(page.getByRole('alert')).toContainText('Manual merge mode was not changed: The database is busy');
  await expect(toggle).toBeChecked({ checked: before });
  await shot('failed-save');
  await page.unroute('**/api/channels/*/settings');

  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).toBeChecked({ checked: !before });
  await expect(page.getByRole('status')).toContainText(`allowAutoMerge setting updated: ${before}`);
  await page.keyboard.press('Space');
  await expect(toggle).toBeChecked({ checked: before });
});

test('Workspace: the invite sentence must keep {code}; the expiry saves', async ({ page }, testInfo) => {
  const shot = stepScreenshots(page, testInfo, 'workspace');
  await page.goto('/');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await mainNav(page).getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('main').getByRole('link', { name: 'Workspace', exact: true }).click();
  const form = page.getByRole('form', { name: 'WhatsApp invite' });
  const sentence = form.getByRole('textbox', { name: 'Invite sentence' });
  const original = await sentence.inputValue();
  await sentence.fill('Please link my chat');
  await expect(form.getByText('Keep {code} in the sentence')).toBeVisible();
  await sentence.fill(original);
  await form.getByRole('spinbutton', { name: 'Invite expiry (hours)' }).fill('48');
  await form.getByRole('button', { name: 'Save invite settings' }).click();
  await expect(page.getByRole('status')).toContainText('Invite settings saved');
  await shot('saved');
  // Back to the default, so the guide's invites keep their 24 hours.
  await form.getByRole('spinbutton', { name: 'Invite expiry (hours)' }).fill('24');
  await form.getByRole('button', { name: 'Save invite settings' }).click();
  await expect(form.getByRole('button', { name: 'Save invite settings' })).not.toHaveAttribute('aria-busy', 'true');
});
