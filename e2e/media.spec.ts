import { expect, test, type Locator } from '@playwright/test';
import { newCustomer, phones } from './sandboxScreens';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings';
import { signIn, stepScreenshots } from './support';

/** True once the browser has decoded the image (a broken one has no natural width). */
async function isLoaded(image: Locator): Promise<boolean> {
  return image.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0);
}

test('a WhatsApp photo and voice note and an Instagram image show from Braid’s storage after Meta’s URLs expire', async ({ browser, page, request }, testInfo) => {
  const shot = stepScreenshots(page, testInfo, 'media');
  const name = `Inês Carvalho ${testInfo.project.name} ${Date.now().toString(36)}`;
  const customerPage = await browser.newPage();
  await newCustomer(customerPage, { name, visiblePhone: true });
  const phone = phones(customerPage);

  await phone.whatsapp.getByRole('button', { name: 'Send a photo' }).click();
  await expect(phone.whatsapp.getByRole('img', { name: 'Photo from you' })).toBeVisible();
  await phone.whatsapp.getByRole('button', { name: 'Send a voice note' }).click();
  await expect(phone.whatsapp.getByLabel('Voice note from you')).toBeVisible();
  await phone.instagram.getByRole('button', { name: 'Send a photo' }).click();
  await expect(phone.instagram.getByRole('img', { name: 'Photo from you' })).toBeVisible();

  await page.goto('/');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  const rows = page.getByRole('link', { name: new RegExp(name) });
  await expect(rows).toHaveCount(2);

  // Meta's links die; what the agent sees must come from Braid's own copy.
  expect((await request.post('/sandbox/api/media/expire-urls')).status()).toBe(204);

  const timeline = page.getByRole('list', { name: 'Messages' });
  // Each of the customer's two conversations (WhatsApp, Instagram) shows its photo from /api/media;
  // the WhatsApp one also has the voice note with a player.
  let voiceNotes = 0;
  for (let i = 0; i < 2; i++) {
    await rows.nth(i).click();
    const image = timeline.getByRole('img', { name: `Image from ${name}` });
    await expect(image).toBeVisible();
    await expect(image).toHaveAttribute('src', /^\/api\/media\//);
    await expect.poll(() => isLoaded(image)).toBe(true);
    const voice = timeline.getByLabel(`Voice note from ${name}`);
    if ((await voice.count()) === 0) {
      await shot('instagram-image');
      continue;
    }
    voiceNotes += 1;
    await expect(voice).toHaveAttribute('src', /^\/api\/media\//);
    await expect(voice).toHaveJSProperty('controls', true);
    const served = await page.request.get((await voice.getAttribute('src'))!);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('audio/ogg');
    expect(served.headers()['x-content-type-options']).toBe('nosniff');
    await shot('whatsapp-photo-and-voice');
  }
  expect(voiceNotes).toBe(1);
  await customerPage.close();
});
