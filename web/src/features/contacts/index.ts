export { ContactPanel } from './components/contact-panel';
export { ContactPage } from './routes/contact';
export { ContactsPage } from './routes/contacts';
// The thread shows assignments, which are recorded in the contact's history.
export { useContactHistory, type AuditEvent } from './api/get-contact-history';
