import type { Contact } from '../../../store/repositories/contacts';

export function presentContact(c: Contact) {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    attributes: c.attributes,
    marketingConsent: c.marketingConsent,
    mergedIntoId: c.mergedIntoId,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
