import type { SandboxRepository } from '../store/repositories/sandbox';
import type { PlatformState, SandboxChannel, SandboxCustomer, SandboxMessage } from './meta/state';

/**
 * The simulated platform's memory in Braid's own database (`sandbox_customers`,
 * `sandbox_messages`), so a restart keeps the demo's customers and their threads. Each call is one
 * statement outside any Braid transaction: the platform is "Meta", not part of Braid's units of
 * work, and it must never see or hold Braid's rows.
 */
export class DatabasePlatformState implements PlatformState {
  constructor(private readonly sandbox: SandboxRepository) {}

  insertCustomer(customer: SandboxCustomer): Promise<void> {
    return this.sandbox.insertCustomer(customer);
  }

  getCustomer(id: string): Promise<SandboxCustomer | undefined> {
    return this.sandbox.getCustomer(id);
  }

  updateCustomer(id: string, patch: Partial<Omit<SandboxCustomer, 'id' | 'createdAt'>>): Promise<void> {
    return this.sandbox.updateCustomer(id, patch);
  }

  listCustomers(): Promise<SandboxCustomer[]> {
    return this.sandbox.listCustomers();
  }

  findCustomer(by: { igsid: string } | { bsuid: string } | { phone: string }): Promise<SandboxCustomer | undefined> {
    return this.sandbox.findCustomer(by);
  }

  insertMessage(message: SandboxMessage): Promise<void> {
    return this.sandbox.insertMessage(message);
  }

  updateMessageStatus(externalId: string, status: string): Promise<void> {
    return this.sandbox.updateMessageStatus(externalId, status);
  }

  getMessageByExternalId(externalId: string): Promise<SandboxMessage | undefined> {
    return this.sandbox.getMessageByExternalId(externalId);
  }

  listMessages(filter?: { customerId?: string; channel?: SandboxChannel; direction?: SandboxMessage['direction'] }): Promise<SandboxMessage[]> {
    return this.sandbox.listMessages(filter);
  }
}
