/**
 * What the simulated platform remembers: its customers and every message between them and the
 * business. Kept behind this port so Braid can back it with its `sandbox_customers` /
 * `sandbox_messages` tables (one method ≈ one query over those rows); the in-memory adapter
 * below serves tests and a stand-alone platform.
 */

export type SandboxChannel = 'instagram' | 'whatsapp';

export interface SandboxCustomer {
  id: string;
  name: string;
  igUsername: string;
  /** 16-digit Instagram-scoped id the business sees. */
  igsid: string;
  /** WhatsApp business-scoped user id (`PT.…`). */
  bsuid: string;
  /** E.164 with `+`, or null for a username user who hides the number. */
  phone: string | null;
  createdAt: number;
}

/**
 * One message on the platform. `from_customer`: the customer's message as delivered in the webhook
 * (`body` = the webhook's messaging item / WhatsApp message object). `to_customer`: a business send
 * (`body` = the exact Graph request body). Status of a business send: accepted → sent → delivered →
 * read, or failed; customer messages are `received`.
 */
export interface SandboxMessage {
  id: string;
  customerId: string | null;
  channel: SandboxChannel;
  direction: 'from_customer' | 'to_customer';
  externalId: string;
  body: unknown;
  status: string;
  createdAt: number;
}

export interface PlatformState {
  insertCustomer(customer: SandboxCustomer): Promise<void>;
  getCustomer(id: string): Promise<SandboxCustomer | undefined>;
  /** Changes identifiers of an existing customer (a WhatsApp number change regenerates the BSUID). */
  updateCustomer(id: string, patch: Partial<Omit<SandboxCustomer, 'id' | 'createdAt'>>): Promise<void>;
  /** Customers in creation order. */
  listCustomers(): Promise<SandboxCustomer[]>;
  /** Exact match on one identifier; phone is compared as E.164. */
  findCustomer(by: { igsid: string } | { bsuid: string } | { phone: string }): Promise<SandboxCustomer | undefined>;
  insertMessage(message: SandboxMessage): Promise<void>;
  updateMessageStatus(externalId: string, status: string): Promise<void>;
  getMessageByExternalId(externalId: string): Promise<SandboxMessage | undefined>;
  /** Messages in creation order (ties broken by insertion), optionally filtered. */
  listMessages(filter?: { customerId?: string; channel?: SandboxChannel; direction?: SandboxMessage['direction'] }): Promise<SandboxMessage[]>;
}

export class InMemoryPlatformState implements PlatformState {
  private readonly customers = new Map<string, SandboxCustomer>();
  private readonly messages: SandboxMessage[] = [];

  async insertCustomer(customer: SandboxCustomer): Promise<void> {
    this.customers.set(customer.id, { ...customer });
  }

  async getCustomer(id: string): Promise<SandboxCustomer | undefined> {
    const found = this.customers.get(id);
    return found && { ...found };
  }

  async updateCustomer(id: string, patch: Partial<Omit<SandboxCustomer, 'id' | 'createdAt'>>): Promise<void> {
    const found = this.customers.get(id);
    if (found) this.customers.set(id, { ...found, ...patch });
  }

  async listCustomers(): Promise<SandboxCustomer[]> {
    return [...this.customers.values()].map((c) => ({ ...c }));
  }

  async findCustomer(by: { igsid: string } | { bsuid: string } | { phone: string }): Promise<SandboxCustomer | undefined> {
    for (const c of this.customers.values()) {
      if ('igsid' in by && c.igsid === by.igsid) return { ...c };
      if ('bsuid' in by && c.bsuid === by.bsuid) return { ...c };
      if ('phone' in by && c.phone !== null && c.phone === by.phone) return { ...c };
    }
    return undefined;
  }

  async insertMessage(message: SandboxMessage): Promise<void> {
    this.messages.push(structuredClone(message));
  }

  async updateMessageStatus(externalId: string, status: string): Promise<void> {
    for (const m of this.messages) if (m.externalId === externalId) m.status = status;
  }

  async getMessageByExternalId(externalId: string): Promise<SandboxMessage | undefined> {
    const found = this.messages.find((m) => m.externalId === externalId);
    return found && structuredClone(found);
  }

  async listMessages(filter: { customerId?: string; channel?: SandboxChannel; direction?: SandboxMessage['direction'] } = {}): Promise<SandboxMessage[]> {
    return this.messages
      .filter((m) =>
        (filter.customerId === undefined || m.customerId === filter.customerId) &&
        (filter.channel === undefined || m.channel === filter.channel) &&
        (filter.direction === undefined || m.direction === filter.direction))
      .map((m) => structuredClone(m));
  }
}
