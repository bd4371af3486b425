import type { SandboxCustomer } from './state';

/**
 * Webhook bodies in Meta's shapes (reference §2.2, §3.1, §3.2, §6). Queue items are single
 * updates; `buildBatch` wraps a batch of them into one POST body the way Meta batches:
 * Instagram as several `entry` objects, WhatsApp as several items in one change (or one entry
 * per item).
 */

export interface InstagramQueueItem {
  accountId: string;
  /** One `entry.messaging[]` item: sender, recipient, timestamp (ms) and the event. */
  messaging: Record<string, unknown> & { timestamp: number };
}

/** `phoneNumberId`: the business number the update is for (default: the configured one). */
export type WhatsAppQueueItem = (
  | { kind: 'message'; contact: Record<string, unknown>; message: Record<string, unknown> }
  | { kind: 'status'; status: Record<string, unknown> }
) & { phoneNumberId?: string };

export interface WhatsAppAccount {
  businessAccountId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
}

export function buildInstagramBatch(items: InstagramQueueItem[]): unknown {
  return {
    object: 'instagram',
    entry: items.map((item) => ({ time: item.messaging.timestamp, id: item.accountId, messaging: [item.messaging] })),
  };
}

export function buildWhatsAppBatch(
  account: WhatsAppAccount,
  items: WhatsAppQueueItem[],
  shape: 'one-change' | 'entry-per-item',
): unknown {
  const groups = shape === 'one-change' ? [items] : items.map((item) => [item]);
  return {
    object: 'whatsapp_business_account',
    entry: groups.map((group) => ({ id: account.businessAccountId, changes: changesFor(account, group) })),
  };
}

function changesFor(account: WhatsAppAccount, items: WhatsAppQueueItem[]): unknown[] {
  const metadata = { display_phone_number: account.displayPhoneNumber, phone_number_id: account.phoneNumberId };
  const messages = items.flatMap((i) => (i.kind === 'message' ? [i] : []));
  const statuses = items.flatMap((i) => (i.kind === 'status' ? [i.status] : []));
  const changes: unknown[] = [];
  if (messages.length > 0) {
    // contacts[] lists each sender once; system messages carry no contact.
    const contacts = new Map<string, Record<string, unknown>>();
    for (const m of messages) {
      if (Object.keys(m.contact).length > 0) contacts.set(JSON.stringify(m.contact), m.contact);
    }
    const value: Record<string, unknown> = { messaging_product: 'whatsapp', metadata };
    if (contacts.size > 0) value.contacts = [...contacts.values()];
    value.messages = messages.map((m) => m.message);
    changes.push({ value, field: 'messages' });
  }
  if (statuses.length > 0) {
    changes.push({ value: { messaging_product: 'whatsapp', metadata, statuses }, field: 'messages' });
  }
  return changes;
}

/** What Meta says about a WhatsApp customer: BSUID always; phone only when it may be shared. */
export function whatsappContact(customer: SandboxCustomer, withPhone: boolean): Record<string, unknown> {
  const profile: Record<string, string> = { name: customer.name };
  const contact: Record<string, unknown> = { profile };
  if (withPhone && customer.phone) contact.wa_id = digitsOf(customer.phone);
  else profile.username = customer.igUsername;
  contact.user_id = customer.bsuid;
  return contact;
}

export function whatsappSender(customer: SandboxCustomer, withPhone: boolean): Record<string, unknown> {
  return withPhone && customer.phone
    ? { from: digitsOf(customer.phone), from_user_id: customer.bsuid }
    : { from_user_id: customer.bsuid };
}

export function digitsOf(phone: string): string {
  return phone.replace(/[^\d]/g, '');
}

export function whatsappSeconds(ms: number): string {
  return String(Math.floor(ms / 1000));
}

export type StatusValue = 'sent' | 'delivered' | 'read' | 'failed';

/**
 * A statuses[] item. Addressed by phone: `recipient_id`. Addressed by BSUID: no `recipient_id`,
 * `recipient_user_id` and `contacts` instead (no contacts on `failed`, username not on `sent`).
 */
export function whatsappStatus(input: {
  wamid: string;
  status: StatusValue;
  timestampMs: number;
  customer: SandboxCustomer;
  addressedBy: 'phone' | 'bsuid';
  error?: { code: number; title: string; message: string; details: string };
}): Record<string, unknown> {
  const { customer, status } = input;
  const item: Record<string, unknown> = { id: input.wamid, status, timestamp: whatsappSeconds(input.timestampMs) };
  if (input.addressedBy === 'phone' && customer.phone) {
    item.recipient_id = digitsOf(customer.phone);
  } else {
    item.recipient_user_id = customer.bsuid;
    if (status !== 'failed') {
      const contact: Record<string, unknown> = { user_id: customer.bsuid };
      if (status !== 'sent') contact.profile = { username: customer.igUsername };
      item.contacts = [contact];
    }
  }
  if (status === 'sent' || status === 'delivered') {
    item.pricing = { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' };
  }
  if (status === 'failed' && input.error) {
    const e = input.error;
    item.errors = [{
      code: e.code,
      title: e.title,
      message: e.message,
      error_data: { details: e.details },
      href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
    }];
  }
  return item;
}
