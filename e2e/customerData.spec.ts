import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { SimulatedCustomer } from './guideCustomer';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './settings';
import { signIn, stepScreenshots } from './support';

/**
 * An admin tags a customer and writes a note in the contact panel, downloads everything Braid
 * keeps about them (both channels and a received photo, after a merge) as a zip, then deletes it
 * through the typed-name dialog.
 */
test('tags, notes, download and deletion of a customer who wrote on Instagram and WhatsApp', async ({ page, request, baseURL }, testInfo) => {
  test.setTimeout(120_000);
  const shot = stepScreenshots(page, testInfo, 'customer-data');
  const stamp = `${testInfo.project.name}-${Date.now().toString(36)}`;
  const name = `Rosa Lima ${stamp}`;
  const customer = await SimulatedCustomer.create(request, name);
  await customer.sendInstagram(`Hi from Instagram ${stamp}`);
  await customer.sendWhatsApp(`Hello from WhatsApp ${stamp}`);
  const photo = await request.post(`/sandbox/api/customers/${customer.id}/whatsapp/photos`, { data: { caption: `Photo ${stamp}` } });
  expect(photo.ok(), await photo.text()).toBe(true);

  await page.goto('/');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/chat$/);

  // The two channels' contacts, merged through the same API the contact panel uses.
  const api = page.request;
  const headers = { origin: baseURL! };
  let contacts: { id: string; identities: { kind: string }[] }[] = [];
  await expect
    .poll(async () => {
      contacts = (await (await api.get(`/api/contacts?q=${encodeURIComponent(name)}`)).json()).contacts;
      return contacts.flatMap((c) => c.identities.map((i) => i.kind)).sort();
    })
    .toEqual(['instagram', 'whatsapp']);
  const ig = contacts.find((c) => c.identities.some((i) => i.kind === 'instagram'))!;
  const wa = contacts.find((c) => c.identities.some((i) => i.kind === 'whatsapp'))!;
  if (ig.id !== wa.id) {
    const merged = await api.post(`/api/contacts/${ig.id}/merge`, { data: { with: wa.id, confirm: true }, headers });
    expect(merged.status(), await merged.text()).toBe(200);
  }

  // The photo is downloaded from Meta by the worker before Download data can hold it.
  let photoUrl: string | null = null;
  await expect
    .poll(async () => {
      const view = (await (await api.get(`/api/contacts/${ig.id}`)).json()) as { identities: { whatsapp: { conversation: { id: string } }[] } };
      const thread = (await (await api.get(`/api/conversations/${view.identities.whatsapp[0].conversation.id}/messages`)).json()) as { messages: { media: { state: string; url: string | null }[] }[] };
      photoUrl = thread.messages.flatMap((m) => m.media).find((f) => f.state === 'stored')?.url ?? null;
      return photoUrl;
    })
    .not.toBeNull();

  await page.goto(`/contacts/${ig.id}`);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText('Rosa Lima');
  const shownName = (await heading.textContent())!.trim();

  await test.step('add a tag and a note in the contact panel', async () => {
    const tagField = page.getByRole('combobox', { name: 'Add tag' });
    await tagField.fill(`vip-${stamp}`);
    await tagField.press('Enter');
    await expect(page.getByRole('button', { name: `Remove tag vip-${stamp}` })).toBeVisible();
    await expect(tagField).toHaveValue('');
    await page.getByRole('textbox', { name: 'Add a note' }).fill(`Prefers WhatsApp ${stamp}`);
    await page.getByRole('button', { name: 'Save note' }).click();
    // Saved: the box empties, so the text below is the note itself, not the draft.
    await expect(page.getByRole('textbox', { name: 'Add a note' })).toHaveValue('');
    await expect(page.getByText(`Prefers WhatsApp ${stamp}`, { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Edit note' })).toBeVisible();
    await expect(page.getByText('Note added', { exact: true }).first()).toBeVisible();
    await shot('tag-and-note');
  });

  await test.step('download the customer data', async () => {
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download data' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`contact-${ig.id}.zip`);
    const zip = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    const data = JSON.parse(strFromU8(zip[`contact-${ig.id}.json`]));
    expect(data).toMatchObject({ format: 'braid.contact-export', version: 2, contact: { id: ig.id }, media: { included: true } });
    const [file] = data.media.files as { path: string; kind: string; contentType: string; messageId: string }[];
    expect(file).toMatchObject({ kind: 'image', contentType: 'image/png', path: expect.stringMatching(/^media\/.+\.png$/) });
    const served = Buffer.from(await (await api.get(photoUrl!)).body());
    expect(Buffer.from(zip[file.path]).equals(served)).toBe(true);
    const photoMessage = data.messages.find((m: { id: string }) => m.id === file.messageId);
    expect(photoMessage).toMatchObject({ kind: 'whatsapp', direction: 'inbound', type: 'image' });
    const inbound = data.messages.filter((m: { direction: string }) => m.direction === 'inbound').map((m: { kind: string; text: string }) => [m.kind, m.text]);
    expect(inbound).toContainEqual(['instagram', `Hi from Instagram ${stamp}`]);
    expect(inbound).toContainEqual(['whatsapp', `Hello from WhatsApp ${stamp}`]);
    expect(data.notes.map((n: { body: string }) => n.body)).toContain(`Prefers WhatsApp ${stamp}`);
    expect(data.tags.map((t: { tag: string }) => t.tag)).toContain(`vip-${stamp}`);
  });

  await test.step('delete the customer data after typing their name', async () => {
    await page.getByRole('button', { name: 'Delete customer data' }).click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toBeVisible();
    const confirm = dialog.getByRole('button', { name: 'Delete', exact: true });
    await expect(confirm).toBeDisabled();
    const field = dialog.getByRole('textbox', { name: "Type the customer's name to confirm" });
    await field.fill('Someone else');
    await expect(confirm).toBeDisabled();
    await field.fill(shownName);
    await expect(confirm).toBeEnabled();
    await shot('delete-dialog');
    await confirm.click();
    await expect(page).toHaveURL(/\/contacts$/);
    await expect(page.getByRole('status')).toContainText('data was deleted');
    expect((await api.get(`/api/contacts/${ig.id}`)).status()).toBe(404);
    expect((await api.get(`/api/contacts/${wa.id}`)).status()).toBe(404);
    expect((await (await api.get(`/api/contacts?q=${encodeURIComponent(name)}`)).json()).contacts).toEqual([]);
    await page.goto(`/contacts/${ig.id}`);
    await expect(page.getByText(/could not be loaded/)).toBeVisible();
  });
});
