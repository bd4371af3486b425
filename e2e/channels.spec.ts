import { expect, test } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings';
import { mainNav, signIn, stepScreenshots } from './support';

/**
 * Settings → Channels with the sandbox's accounts, which come from the environment: their health,
 * the webhook values for Meta's dashboard, a connection test against the simulated platform, and a
 * connect attempt Meta refuses, shown in Meta's words.
 */
test('Channels lists the accounts from the environment, tests them with Meta, and shows Meta’s refusal of a bad token', async ({ page }, testInfo) => {
  const shot = stepScreenshots(page, testInfo, 'channels');
  await page.goto('/');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await mainNav(page).getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('main').getByRole('link', { name: 'Channels', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Channels' })).toBeVisible();

  const origin = new URL(page.url()).origin;
  await expect(page.getByText(`${origin}/webhooks/instagram`)).toBeVisible();
  await expect(page.getByText(`${origin}/webhooks/whatsapp`)).toBeVisible();
  const rows = page.getByRole('list', { name: 'Connected channels' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  const instagram = rows.filter({ hasText: 'Instagram:' });
  await expect(instagram).toContainText('Connected');
  await expect(instagram).toContainText('From environment');
  // Environment channels change only with the environment.
  await expect(instagram.getByRole('button', { name: 'Disconnect' })).toHaveCount(0);
  await shot('list');

  await instagram.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('status')).toContainText('Connected as @braid.sandbox');
  const whatsapp = rows.filter({ hasText: 'WhatsApp:' });
  await whatsapp.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('status')).toContainText('Connected as Braid Sandbox');

  await page.getByRole('button', { name: 'Connect Instagram account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect Instagram account' });
  await dialog.getByRole('textbox', { name: 'Instagram account ID' }).fill('17841400000000777');
  await dialog.getByLabel('Access token').fill('IGQVJ-not-a-token-meta-knows');
  await dialog.getByLabel('App secret').fill('an-app-secret-1234');
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Meta refused: Invalid OAuth access token');
  await shot('refused');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(rows).toHaveCount(2);
});
