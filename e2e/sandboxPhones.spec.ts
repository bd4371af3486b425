import { expect, test, type APIRequestContext } from '@playwright/test';
import { SANDBOX_META } from '../src/config';
import { newCustomer, phones } from './sandboxScreens';

/**
 * The phone screens on their own, with "the business" played by direct Graph API sends to the
 * simulated platform (as Braid's Graph client would send them, right or wrong): what a real phone
 * shows for buttons it can or cannot open, quick replies and postbacks as Meta sends them back,
 * and the Network switches.
 */
async function businessSends(request: APIRequestContext, igsid: string, message: unknown) {
  const response = await request.post(`/sandbox/graph/v25.0/${SANDBOX_META.instagramAccountId}/messages`, {
    headers: { authorization: `Bearer ${SANDBOX_META.instagramAccessToken}` },
    data: { recipient: { id: igsid }, messaging_type: 'RESPONSE', message },
  });
  expect(response.status(), await response.text()).toBe(200);
}

const template = (text: string, buttons: unknown[]) => ({ attachment: { type: 'template', payload: { template_type: 'button', text, buttons } } });

test('the phones open what a phone can open and show the rest as broken', async ({ page, context }) => {
  const customerId = await newCustomer(page, { name: 'Rosa Menezes', visiblePhone: true });
  const { igsid } = (await (await page.request.get(`/sandbox/api/customers/${customerId}`)).json()).customer as { igsid: string };
  const { instagram, whatsapp, send } = phones(page);

  await send('instagram', 'Do you have this in blue?');
  await expect(instagram.getByText('Do you have this in blue?')).toBeVisible();

  await test.step('a wa.me link to another number, and a malformed URL, cannot be opened', async () => {
    await businessSends(page.request, igsid, template('Chat with us', [
      { type: 'web_url', title: 'Other number', url: 'https://wa.me/15550000000?text=hello' },
      { type: 'web_url', title: 'Garbled', url: `https://wa.me/${SANDBOX_META.whatsappPhoneNumber}?text=%E0%A4%A` },
      { type: 'web_url', title: 'Our shop', url: 'https://shop.example/blue' },
    ]));
    const card = instagram.getByRole('listitem').filter({ hasText: 'Chat with us' });
    await expect(card.getByRole('button', { name: 'Other number' })).toHaveAttribute('aria-disabled', 'true');
    await expect(card.getByRole('button', { name: 'Garbled' })).toHaveAttribute('aria-disabled', 'true');
    await expect(card.getByText("This button can't be opened")).toHaveCount(2);
    await card.getByRole('button', { name: 'Other number' }).click({ force: true });
    await expect(whatsapp.getByRole('textbox', { name: 'Message' })).toHaveValue('');

    // Any other web link opens in a new tab (answered here, so the test needs no network).
    await context.route('https://shop.example/**', (route) => route.fulfill({ contentType: 'text/html', body: '<h1>Shop</h1>' }));
    const popup = context.waitForEvent('page');
    await card.getByRole('button', { name: 'Our shop' }).click();
    await (await popup).waitForURL('https://shop.example/blue');
  });

  await test.step('a wa.me link to the business pre-fills WhatsApp with its text, which stays editable', async () => {
    const text = 'Olá & bom dia: 100% + #blue?';
    await businessSends(page.request, igsid, template('Continue on WhatsApp', [
      { type: 'web_url', title: 'Open WhatsApp', url: `https://wa.me/${SANDBOX_META.whatsappPhoneNumber}?text=${encodeURIComponent(text)}` },
    ]));
    await instagram.getByRole('button', { name: 'Open WhatsApp' }).click();
    const input = whatsapp.getByRole('textbox', { name: 'Message' });
    await expect(input).toBeFocused();
    await expect(input).toHaveValue(text);
    await input.press('End');
    await input.pressSequentially(' please');
    await send('whatsapp');
    await expect(whatsapp.getByText(`${text} please`, { exact: true })).toBeVisible();
  });

  await test.step('quick replies are chips under the newest message; tapping one sends its title with the payload', async () => {
    await businessSends(page.request, igsid, { text: 'Which size?', quick_replies: [
      { content_type: 'text', title: 'Small', payload: 'SIZE_S' },
      { content_type: 'text', title: 'Large', payload: 'SIZE_L' },
    ] });
    await instagram.getByRole('button', { name: 'Large' }).click();
    await expect(instagram.getByRole('button', { name: 'Large' })).toBeHidden();
    const sent = await (await page.request.get(`/sandbox/api/customers/${customerId}/threads`)).json();
    expect(sent.instagram.at(-1).body.message).toMatchObject({ text: 'Large', quick_reply: { payload: 'SIZE_L' } });
  });

  await test.step('a postback button sends a postback event with its payload', async () => {
    await businessSends(page.request, igsid, template('Shall we call you?', [{ type: 'postback', title: 'Yes, call me', payload: 'CALL_ME' }]));
    await instagram.getByRole('button', { name: 'Yes, call me' }).click();
    await expect(instagram.getByText('Yes, call me', { exact: true }).last()).toBeVisible();
    await expect.poll(async () => (await (await page.request.get(`/sandbox/api/customers/${customerId}/threads`)).json()).instagram.at(-1).body.postback?.payload).toBe('CALL_ME');
  });
});

test('the Network switches change how the platform delivers webhooks', async ({ page }) => {
  await page.goto('/sandbox');
  const options = async () => (await (await page.request.get('/sandbox/api/delivery')).json()).options;
  for (const [name, on, off] of [
    ['Duplicate deliveries', { duplicateRate: 0.5 }, { duplicateRate: 0 }],
    ['Out-of-order batches', { shuffle: true, batchSize: 5 }, { shuffle: false, batchSize: 1 }],
    ['Delayed delivery', { delayMs: 3000 }, { delayMs: 0 }],
  ] as const) {
    const toggle = page.getByRole('switch', { name });
    await expect(toggle).not.toBeChecked();
    await toggle.click();
    await expect(toggle).toBeChecked();
    await expect.poll(options).toMatchObject(on);
    await toggle.click();
    await expect(toggle).not.toBeChecked();
    await expect.poll(options).toMatchObject(off);
  }
  await page.getByRole('combobox', { name: 'Channel' }).selectOption('Instagram');
  await page.getByRole('combobox', { name: 'Meta error code' }).selectOption({ label: '2 Service temporarily unavailable' });
  await page.getByRole('button', { name: 'Fail next send' }).click();
  await expect(page.getByRole('status')).toContainText('will fail with error 2');
  // The business's next Instagram send meets it (which also leaves no failure behind for other tests).
  const failed = await page.request.post(`/sandbox/graph/v25.0/${SANDBOX_META.instagramAccountId}/messages`, {
    headers: { authorization: `Bearer ${SANDBOX_META.instagramAccessToken}` },
    data: { recipient: { id: '0' }, message: { text: 'hello' } },
  });
  expect(failed.status()).toBe(503);
  expect((await failed.json()).error).toMatchObject({ code: 2, is_transient: true });
});
