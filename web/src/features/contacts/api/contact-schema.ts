import { z } from 'zod';
import { channelKindSchema } from '../../../lib/channel-kind';
import { handleOf } from '../../../lib/format';

/** A contact as the contacts API presents it (shared by the contact operations). */
export const contactSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  marketingConsent: z.string(),
  mergedIntoId: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Contact = z.infer<typeof contactSchema>;

/** One of the customer's accounts on a channel (an Instagram user, a WhatsApp number or user id). */
export const identitySchema = z.object({
  id: z.string(),
  contactId: z.string(),
  kind: channelKindSchema,
  externalId: z.string().nullable(),
  phone: z.string().nullable(),
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  createdAt: z.number(),
});
export type Identity = z.infer<typeof identitySchema>;

/** How a contact is named on screen: its name, else a profile name, handle or number. */
export function contactLabel(contact: Pick<Contact, 'name' | 'phone'>, identities: Identity[] = []): string {
  if (contact.name) return contact.name;
  for (const identity of identities) {
    if (identity.displayName) return identity.displayName;
    if (identity.username) return handleOf(identity.username);
  }
  const phone = contact.phone ?? identities.find((identity) => identity.phone)?.phone;
  return phone ? `+${phone.replace(/^\+/, '')}` : 'Unknown customer';
}
