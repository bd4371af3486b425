import { expect, test } from '@playwright/test';
import { SimulatedCustomer } from './guideCustomer';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings';
import { signIn, stepScreenshots } from './support';

/** A send Meta refuses shows as failed with Meta's reason, in the thread where the agent wrote it. */
test('a refused send shows "Not delivered" with Meta\'s reason; a delivered one moves on from Sent', async ({ page, request }, testInfo) => {
  const shot = stepScreenshots(page, testInfo, 'statuses');
  const name = `Farah Haddad ${testInfo.project.name} ${Date.now().toString(36)}`;
  const customer = await SimulatedCustomer.create(request, name);
  await page.goto('/');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  // Not a greeting, so no automation answers: the thread holds only what the agent sends.
  await customer.sendInstagram('Where is my order #4411?');
  await page.getByRole('link', { name: new RegExp(name) }).click();
  const timeline = page.getByRole('list', { name: 'Messages' });
  await expect(timeline.getByText('Where is my order #4411?')).toBeVisible();

  const refused = await request.post('/sandbox/api/errors', { data: { channel: 'instagram', count: 1, code: 100, message: '(#100) No matching user found' } });
  expect(refused.ok()).toBe(true);
  await page.getByRole('textbox', { name: 'Message' }).fill('It left our warehouse today.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const failed = timeline.getByRole('listitem').filter({ hasText: 'It left our warehouse today.' });
  await expect(failed).toContainText(/Not delivered: .*No matching user found.*\(error 100\)/);

  await page.getByRole('textbox', { name: 'Message' }).fill('Tracking: BR-2291.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(timeline.getByRole('listitem').filter({ hasText: 'Tracking: BR-2291.' })).toContainText(/Sent|Delivered|Read/);
  await shot('failed-and-sent');
});

test('filters Mine / Unassigned / All and channel; a closed reply window is said in the composer', async ({ page, request }, testInfo) => {
  const shot = stepScreenshots(page, testInfo, 'filters');
  const name = `Tomás Ribeiro ${testInfo.project.name} ${Date.now().toString(36)}`;
  const customer = await SimulatedCustomer.create(request, name);
  await page.goto('/');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await customer.sendInstagram('Do you ship to Porto?');
  const row = page.getByRole('link', { name: new RegExp(name) });
  await expect(row).toBeVisible();

  const show = page.getByRole('group', { name: 'Show conversations' });
  await show.getByRole('button', { name: 'Mine' }).click();
  await expect(row).toHaveCount(0);
  await show.getByRole('button', { name: 'Unassigned' }).click();
  await expect(row).toBeVisible();
  await page.getByRole('combobox', { name: 'Channel' }).selectOption('whatsapp');
  await expect(row).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Channel' }).selectOption('instagram');
  await expect(row).toBeVisible();
  await row.click();
  await page.getByRole('button', { name: 'Assign to myself' }).click();
  await show.getByRole('button', { name: 'Mine' }).click();
  await expect(row).toBeVisible();
  await show.getByRole('button', { name: 'Unassigned' }).click();
  await expect(row).toHaveCount(0);
  await show.getByRole('button', { name: 'All' }).click();
  await shot('filtered');

  // A day later Meta would refuse the send: the composer says so, and when, before anyone writes.
  const closedAt = Date.now() - 60 * 60 * 1000;
  await page.route('**/api/conversations/*', async (route) => {
    if (route.request().method() !== 'GET') return route.fallback();
    const response = await route.fetch();
    const body = await response.json();
    const closed = { open: false, closesAt: closedAt, closedAt };
    body.conversation.replyWindow = closed;
    body.replyChannels = body.replyChannels.map((option: object) => ({ ...option, replyWindow: closed }));
    await route.fulfill({ response, json: body });
  });
  await page.reload();
  await expect(page.getByRole('note')).toContainText('The Instagram reply window closed at');
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
  await shot('window-closed');
});

test('the list shows 50 conversations at a time, and older ones on request', async ({ page, request }, testInfo) => {
  test.setTimeout(90_000);
  const run = `${testInfo.project.name}${Date.now().toString(36)}`;
  for (let i = 0; i < 51; i += 1) {
    const customer = await SimulatedCustomer.create(request, `Pager ${run} ${String(i).padStart(2, '0')}`);
    await customer.sendInstagram(`Question ${i}`);
  }
  await page.goto('/');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  // The newest 50 of everything would look the same: wait for the search's own answer.
  const searched = page.waitForResponse((response) => new URL(response.url()).searchParams.get('q') === `Pager ${run}`);
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill(`Pager ${run}`);
  await searched;
  const rows = page.getByRole('list', { name: 'Conversations' }).getByRole('link');
  await expect(rows).toHaveCount(50, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Show older conversations' }).click();
  await expect(rows).toHaveCount(51);
  await expect(page.getByRole('button', { name: 'Show older conversations' })).toHaveCount(0);
});

test('a long thread shows its newest 100 messages, and older ones on request', async ({ page, request }, testInfo) => {
  test.setTimeout(90_000);
  const name = `Amara Okafor ${testInfo.project.name} ${Date.now().toString(36)}`;
  const customer = await SimulatedCustomer.create(request, name);
  for (let i = 0; i < 101; i += 1) await customer.sendInstagram(`Line ${String(i).padStart(3, '0')}`);
  await page.goto('/');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.getByRole('link', { name: new RegExp(name) }).click();
  const timeline = page.getByRole('list', { name: 'Messages' });
  await expect(timeline.getByText('Line 100', { exact: true })).toBeVisible();
  await expect(timeline.getByText('Line 000', { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Show older messages' }).click();
  await expect(timeline.getByText('Line 000', { exact: true })).toBeAttached();
  await expect(page.getByRole('button', { name: 'Show older messages' })).toHaveCount(0);
});
