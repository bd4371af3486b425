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

test('at 375 px notifications show one at a time at the top, above the thread and its composer', async ({ page, request }, testInfo) => {
  const name = `Noa Toast ${testInfo.project.name} ${Date.now().toString(36)}`;
  const customer = await SimulatedCustomer.create(request, name);
  await customer.sendInstagram('Hello from Instagram');
  await customer.sendWhatsApp('Hello from WhatsApp');
  await page.goto('/');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.getByRole('link', { name: new RegExp(name) }).first().click();
  const composer = page.getByRole('form', { name: 'Reply' });
  await expect(composer).toBeVisible();

  // Two notifications arrive while the agent reads the thread: a colleague merges this customer,
  // undoes it, and merges again.
  const api = page.request;
  const origin = { origin: new URL(page.url()).origin };
  const found = await (await api.get(`/api/conversations?q=${encodeURIComponent(name)}`)).json();
  const [ig, wa] = ['instagram', 'whatsapp'].map((channel) => found.conversations.find((c: { channel: string }) => c.channel === channel));
  const first = await api.post(`/api/contacts/${ig.contactId}/merge`, { data: { with: wa.contactId }, headers: origin });
  expect(first.status()).toBe(200);
  await expect(page.locator('.notification')).toHaveCount(1);
  expect((await api.post(`/api/merges/${(await first.json()).merge.id}/undo`, { data: {}, headers: origin })).status()).toBe(200);
  expect((await api.post(`/api/contacts/${ig.contactId}/merge`, { data: { with: wa.contactId }, headers: origin })).status()).toBe(200);
  await expect(page.locator('.notification')).toHaveCount(2);

  const shown = page.locator('.notification').filter({ visible: true });
  await expect(shown).toHaveCount(1);
  await expect(shown).toContainText('is now linked');
  const box = (await shown.boundingBox())!;
  const composerBox = (await composer.boundingBox())!;
  expect(box.y).toBeLessThan(40);
  expect(box.y + box.height).toBeLessThan(composerBox.y);

  // On a wide screen, with the contact panel beside the thread, a notification keeps off the panel.
  await page.setViewportSize({ width: 1280, height: 800 });
  const panel = page.getByRole('complementary', { name: 'Contact details' });
  await expect(panel).toBeVisible();
  const undo = await (await api.get(`/api/contacts/${ig.contactId}/history`)).json();
  const mergeId = undo.events.find((e: { action: string }) => e.action === 'contact.merged').subjectId;
  expect((await api.post(`/api/merges/${mergeId}/undo`, { data: {}, headers: origin })).status()).toBe(200);
  expect((await api.post(`/api/contacts/${ig.contactId}/merge`, { data: { with: wa.contactId }, headers: origin })).status()).toBe(200);
  const panelBox = (await panel.boundingBox())!;
  const newest = page.locator('.notification').last();
  await expect(newest).toBeVisible();
  const wide = (await newest.boundingBox())!;
  expect(wide.x + wide.width).toBeLessThanOrEqual(panelBox.x);
});
