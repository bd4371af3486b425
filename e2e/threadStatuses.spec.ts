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
