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

interface OutletAccounts {
  instagram: { accountId: string; username: string; accessToken: string; appSecret: string }[];
  whatsapp: { phoneNumberId: string; businessAccountId: string; displayPhoneNumber: string; verifiedName: string; accessToken: string; appSecret: string }[];
}

/**
 * A shop's second brand: the simulated platform's other Instagram account and WhatsApp number,
 * each with its own ids, token and app secret, connected through the dialogs. A customer writes to
 * each; the inbox tells the accounts apart and filters by them; each answer leaves with its own
 * account's token (the platform takes no other). Disconnected at the end, so the specs after this
 * one find the environment's two channels alone.
 */
test('a second Instagram account and WhatsApp number connected in Settings receive, are told apart in the inbox, and answer with their own token', async ({ page, request }, testInfo) => {
  const shot = stepScreenshots(page, testInfo, 'channels-second');
  const hosted = (await (await request.get('/sandbox/api/accounts')).json()) as OutletAccounts;
  const [outletIg, outletWa] = [hosted.instagram[1], hosted.whatsapp[1]];
  await page.goto('/');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await mainNav(page).getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('main').getByRole('link', { name: 'Channels', exact: true }).click();
  const rows = page.getByRole('list', { name: 'Connected channels' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);

  await page.getByRole('button', { name: 'Connect Instagram account' }).click();
  const igDialog = page.getByRole('dialog', { name: 'Connect Instagram account' });
  await igDialog.getByRole('textbox', { name: 'Instagram account ID' }).fill(outletIg.accountId);
  await igDialog.getByLabel('Access token').fill(outletIg.accessToken);
  await igDialog.getByLabel('App secret').fill(outletIg.appSecret);
  await igDialog.getByRole('button', { name: 'Connect' }).click();
  await expect(igDialog).toBeHidden();
  await expect(rows.filter({ hasText: `@${outletIg.username}` })).toContainText('Connected');

  await page.getByRole('button', { name: 'Connect WhatsApp number' }).click();
  const waDialog = page.getByRole('dialog', { name: 'Connect WhatsApp number' });
  await waDialog.getByRole('textbox', { name: 'Phone number ID' }).fill(outletWa.phoneNumberId);
  await waDialog.getByRole('textbox', { name: 'WhatsApp Business Account ID' }).fill(outletWa.businessAccountId);
  await waDialog.getByRole('textbox', { name: 'Phone number', exact: true }).fill(`+${outletWa.displayPhoneNumber}`);
  await waDialog.getByLabel('Access token').fill(outletWa.accessToken);
  await waDialog.getByLabel('App secret').fill(outletWa.appSecret);
  await waDialog.getByRole('button', { name: 'Connect' }).click();
  await expect(waDialog).toBeHidden();
  await expect(rows).toHaveCount(4);
  await shot('four-channels');

  const name = `Joana Prado ${testInfo.project.name} ${Date.now().toString(36)}`;
  const created = await request.post('/sandbox/api/customers', { data: { name, phone: `+3519${Math.floor(10_000_000 + Math.random() * 89_999_999)}` } });
  const customerId = ((await created.json()) as { customer: { id: string } }).customer.id;
  const write = async (kind: 'instagram' | 'whatsapp', text: string, account: string) => {
    const response = await request.post(`/sandbox/api/customers/${customerId}/${kind}/messages`, { data: { text, account } });
    expect(response.ok(), await response.text()).toBe(true);
  };
  await write('instagram', 'Is the outlet open on Sunday?', outletIg.accountId);
  await write('whatsapp', 'Do you keep the old season sizes?', outletWa.phoneNumberId);

  await mainNav(page).getByRole('link', { name: 'Chat', exact: true }).click();
  const conversations = page.getByRole('list', { name: 'Conversations' });
  const mine = conversations.getByRole('link', { name: new RegExp(name) });
  await expect(mine).toHaveCount(2);
  const account = page.getByRole('combobox', { name: 'Account' });
  const timeline = page.getByRole('list', { name: 'Messages' });
  for (const [kind, label, asked, answer, externalId] of [
    ['instagram', `Instagram: @${outletIg.username}`, 'Is the outlet open on Sunday?', 'Yes, from 10 to 18.', outletIg.accountId],
    ['whatsapp', `WhatsApp: ${outletWa.verifiedName} (+${outletWa.displayPhoneNumber})`, 'Do you keep the old season sizes?', 'We do, ask away.', outletWa.phoneNumberId],
  ] as const) {
    await account.selectOption({ label });
    await expect(mine).toHaveCount(1);
    await expect(mine).toContainText(kind === 'instagram' ? `@${outletIg.username}` : outletWa.displayPhoneNumber);
    await shot(`filtered-${kind}`);
    await mine.click();
    await expect(timeline.getByText(asked)).toBeVisible();
    await page.getByRole('textbox', { name: 'Message' }).fill(answer);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(timeline.getByRole('listitem').filter({ hasText: answer })).toContainText(/Sent|Delivered|Read/);
    // The platform accepted it on the outlet's account, which takes only the outlet's own token.
    const sent = await (await request.get(`/sandbox/api/sends?channel=${kind}&account=${externalId}&customerId=${customerId}`)).json();
    expect(JSON.stringify(sent.sends)).toContain(answer);
  }
  await account.selectOption({ label: 'All accounts' });
  await expect(mine).toHaveCount(2);

  // With two Instagram accounts, the Instagram page first asks which; the outlet sends invites to its own number.
  await mainNav(page).getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('main').getByRole('link', { name: 'Instagram', exact: true }).click();
  await page.getByRole('list', { name: 'Instagram accounts' }).getByRole('link', { name: new RegExp(`@${outletIg.username}`) }).click();
  const invites = page.getByRole('combobox', { name: 'WhatsApp number for invites' });
  await expect(invites.locator('option:checked')).toHaveText('WhatsApp');
  await invites.selectOption({ label: `${outletWa.verifiedName} (+${outletWa.displayPhoneNumber})` });
  await expect(invites).toBeEnabled();
  await page.reload();
  await expect(invites.locator('option:checked')).toHaveText(`${outletWa.verifiedName} (+${outletWa.displayPhoneNumber})`);
  await shot('invites-number');
  await page.getByRole('main').getByRole('link', { name: 'Prompt Settings' }).click();
  await page.getByRole('main').getByRole('link', { name: 'Merge Automation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Merge Automation' })).toBeVisible();
  await expect(page).toHaveURL(/account=/);

  await mainNav(page).getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('main').getByRole('link', { name: 'Channels', exact: true }).click();
  for (const text of [`@${outletIg.username}`, outletWa.displayPhoneNumber]) {
    await rows.filter({ hasText: text }).getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
    await expect(rows.filter({ hasText: text })).toHaveCount(0);
  }
  await expect(rows).toHaveCount(2);
});
