import { expect, test, type Page } from '@playwright/test';
import { SimulatedCustomer } from './guideCustomer';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings';
import { signIn, stepScreenshots } from './support';

/**
 * After the 24 hours: WhatsApp takes only an approved template, Instagram a person's reply tagged
 * HUMAN_AGENT for 7 days. Time is moved with the customer simulator's Advance time, which moves
 * Braid's clock and the simulated platform's together.
 */

async function advance(request: Page['request'], by: { hours?: number; days?: number }) {
  const response = await request.post('/sandbox/api/clock/advance', { data: by });
  expect(response.ok(), await response.text()).toBe(true);
}

test('a closed WhatsApp window is answered with a template the customer sees filled in', async ({ page, context, request }, testInfo) => {
  const shot = stepScreenshots(page, testInfo, 'templates');
  const name = `Rosa Lima ${testInfo.project.name} ${Date.now().toString(36)}`;
  const customer = await SimulatedCustomer.create(request, name);
  await customer.sendWhatsApp('Can I still change my delivery address?');

  await test.step('two days pass, with the customer simulator’s Advance time', async () => {
    const phone = await context.newPage();
    await phone.goto(`/sandbox?customer=${customer.id}`);
    const form = phone.getByRole('form', { name: 'Advance time' });
    await form.getByRole('spinbutton', { name: 'Advance by' }).fill('2');
    await form.getByRole('combobox', { name: 'Unit' }).selectOption('days');
    await form.getByRole('button', { name: 'Advance time' }).click();
    await expect(phone.getByText(/Time advanced by 2 days/)).toBeVisible();
    await phone.close();
  });

  await page.goto('/');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.getByRole('link', { name: new RegExp(name) }).click();
  const timeline = page.getByRole('list', { name: 'Messages' });
  await expect(timeline.getByText('Can I still change my delivery address?')).toBeVisible();
  await expect(page.getByRole('note')).toContainText('The WhatsApp reply window closed at');
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
  await shot('window-closed');

  await page.getByRole('button', { name: 'Send template' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send a template' });
  await expect(dialog.getByRole('option', { name: /summer_sale \(en_US\).*cannot be sent/ })).toBeDisabled();
  await dialog.getByRole('combobox', { name: 'Template' }).selectOption({ label: 'follow_up (en_US)' });
  await dialog.getByRole('textbox', { name: 'Variable 1' }).fill('Rosa');
  const preview = dialog.getByRole('region', { name: /Preview/ });
  await expect(preview).toContainText('Hi Rosa, this is {{2}} following up on your message.');
  await expect(dialog.getByRole('button', { name: 'Send template' })).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Variable 2' }).fill('Braid Shop');
  const rendered = 'Hi Rosa, this is Braid Shop following up on your message. Reply here and we will pick it up.';
  await expect(preview).toContainText(rendered);
  await shot('template-filled');
  await dialog.getByRole('button', { name: 'Send template' }).click();
  await expect(dialog).toBeHidden();

  const sent = timeline.getByRole('listitem').filter({ hasText: rendered });
  await expect(sent).toContainText(/Sent|Delivered|Read/);
  await shot('template-sent');

  const [send] = await customer.received('whatsapp');
  expect(send.body).toMatchObject({
    type: 'template',
    template: { name: 'follow_up', language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Rosa' }, { type: 'text', text: 'Braid Shop' }] }] },
  });
  const phone = await context.newPage();
  await phone.goto(`/sandbox?customer=${customer.id}`);
  await expect(phone.getByRole('region', { name: 'WhatsApp', exact: true }).getByText(rendered)).toBeVisible();
});

test('an Instagram reply on day 3 goes out tagged HUMAN_AGENT; on day 8 the composer says the window closed', async ({ page, request }, testInfo) => {
  const shot = stepScreenshots(page, testInfo, 'human-agent');
  const name = `Ivo Matos ${testInfo.project.name} ${Date.now().toString(36)}`;
  const customer = await SimulatedCustomer.create(request, name);
  await customer.sendInstagram('Is the blue jacket back in stock?');
  await advance(request, { days: 3 });

  await page.goto('/');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.getByRole('link', { name: new RegExp(name) }).click();
  const timeline = page.getByRole('list', { name: 'Messages' });
  await expect(timeline.getByText('Is the blue jacket back in stock?')).toBeVisible();
  await expect(page.getByRole('note')).toContainText(/^Human agent reply: allowed until /);
  await page.getByRole('textbox', { name: 'Message' }).fill('It is back: size M is on the shelf.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(timeline.getByRole('listitem').filter({ hasText: 'It is back: size M is on the shelf.' })).toContainText(/Sent|Delivered|Read/);
  const [send] = await customer.received('instagram');
  expect(send.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'It is back: size M is on the shelf.' } });
  await shot('day-3-human-agent');

  await advance(request, { days: 5 });
  await page.reload();
  await expect(page.getByRole('note')).toContainText('The Instagram reply window closed at');
  await expect(page.getByRole('note')).toContainText('7 days after the customer’s last message');
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Send template' })).toHaveCount(0);
  const conversationId = new URL(page.url()).pathname.split('/').at(-1)!;
  // Braid refuses it too, not only the disabled button (the page's own origin, as the app sends it).
  const refused = await page.request.post(`/api/conversations/${conversationId}/messages`, { data: { text: 'Anyone there?' }, headers: { origin: new URL(page.url()).origin } });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.code).toBe('reply_window_closed');
  expect(await customer.received('instagram')).toHaveLength(1);
  await shot('day-8-closed');
});
