import { expect, test } from '@playwright/test';
import { samplePhoto } from '../src/sandbox/meta/sampleMedia';
import { newCustomer, phones } from './sandboxScreens';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings';
import { signIn, stepScreenshots } from './support';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

test('an agent sends a PDF on WhatsApp and an image on Instagram, and the customer’s phone shows them', async ({ browser, page }, testInfo) => {
  const shot = stepScreenshots(page, testInfo, 'attach-file');
  const name = `Joana Prates ${testInfo.project.name} ${Date.now().toString(36)}`;
  const customerPage = await browser.newPage();
  await newCustomer(customerPage, { name, visiblePhone: true });
  const phone = phones(customerPage);
  await phone.send('whatsapp', 'Can you send the quote?');
  await phone.send('instagram', 'And a photo of the part?');

  await page.goto('/');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  const timeline = page.getByRole('list', { name: 'Messages' });
  const uploads: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/attachments')) uploads.push(request.url());
  });

  await test.step('WhatsApp: a PDF, shown in the thread as a named download, and on the phone', async () => {
    await page.getByRole('link', { name: new RegExp(`${name}.*WhatsApp|WhatsApp.*${name}`) }).first().click();
    await expect(timeline.getByText('Can you send the quote?')).toBeVisible();
    await page.getByLabel('Attach file').setInputFiles({ name: 'quote 12.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect(timeline.getByRole('link', { name: /quote 12\.pdf/ })).toBeVisible();
    await expect(phone.whatsapp.getByRole('link', { name: 'quote 12.pdf' })).toBeVisible();
    await shot('whatsapp-pdf');
  });

  await test.step('a file WhatsApp does not take is refused before any upload', async () => {
    await page.getByLabel('Attach file').setInputFiles({ name: 'tool.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    await expect(page.getByText(/Not sent: WhatsApp takes JPEG or PNG images, PDF documents and audio files/)).toBeVisible();
    expect(uploads).toHaveLength(1);
  });

  await test.step('Instagram: an image, shown inline in the thread, and on the phone', async () => {
    await page.getByRole('link', { name: new RegExp(`${name}.*Instagram|Instagram.*${name}`) }).first().click();
    await expect(timeline.getByText('And a photo of the part?')).toBeVisible();
    await page.getByLabel('Attach file').setInputFiles({ name: 'part.png', mimeType: 'image/png', buffer: samplePhoto().bytes });
    await expect(timeline.getByRole('img', { name: `Image sent to ${name}` })).toBeVisible();
    await expect(phone.instagram.getByRole('img', { name: 'Photo from the business' })).toBeVisible();
    await shot('instagram-image');
  });
  await customerPage.close();
});
