import { expect, test } from '@playwright/test';
import { SimulatedCustomer } from './guideCustomer';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings';
import { mainNav, signIn } from './support';

/** Chat at 375 px and with the keyboard alone: the list and the thread are two screens. */
test.use({ viewport: { width: 375, height: 812 } });

test('at 375 px the list and the thread are two screens, reached with the keyboard alone', async ({ page, request }, testInfo) => {
  const name = `Lucía García ${testInfo.project.name} ${Date.now().toString(36)}`;
  const customer = await SimulatedCustomer.create(request, name);
  await page.goto('/');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(mainNav(page).getByRole('link', { name: 'Chat', exact: true })).toHaveAttribute('aria-current', 'page');
  await customer.sendInstagram('Hello there');

  const row = page.getByRole('link', { name: new RegExp(name) });
  await expect(row).toBeVisible();
  // Search narrows the list by name.
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill(name.split(' ').slice(0, 3).join(' '));
  await expect(page.getByRole('list', { name: 'Conversations' }).getByRole('link')).toHaveCount(1);

  await row.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name })).toBeFocused();
  await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeHidden();
  await expect(page.getByRole('list', { name: 'Messages' }).getByText('Hello there', { exact: true })).toBeVisible();

  // The contact panel takes the thread's place and gives it back.
  const details = page.getByRole('button', { name: 'Contact details' });
  await details.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Contact details' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeHidden();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();

  // Type and send with the keyboard: Enter sends.
  await page.getByRole('textbox', { name: 'Message' }).focus();
  await page.keyboard.type('Hi Lucía, how can I help?');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Messages' }).getByText('Hi Lucía, how can I help?')).toBeVisible();
  await expect.poll(async () => (await customer.received('instagram')).some((send) => send.text === 'Hi Lucía, how can I help?')).toBe(true);

  await page.getByRole('link', { name: 'All conversations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chat' })).toBeVisible();
});
