import type { Selectable } from 'kysely';
import type { SandboxCustomerTable, SandboxMessageTable } from '../schema';
import type { RepositoryContext } from './context';

/**
 * What the sandbox's simulated Meta platform keeps between restarts: its customers and every
 * message between them and the business. The platform owns the meaning of these rows (see
 * src/sandbox/meta/state.ts); this repository only stores them. Bodies are opaque JSON.
 */
export interface SandboxCustomerRecord {
  id: string;
  name: string;
  igUsername: string;
  igsid: string;
  bsuid: string;
  phone: string | null;
  createdAt: number;
}

export interface SandboxMessageRecord {
  id: string;
  customerId: string | null;
  channel: 'instagram' | 'whatsapp';
  direction: 'from_customer' | 'to_customer';
  externalId: string;
  body: unknown;
  status: string;
  createdAt: number;
}

export type SandboxCustomerPatch = Partial<Omit<SandboxCustomerRecord, 'id' | 'createdAt'>>;
export type SandboxCustomerKey = { igsid: string } | { bsuid: string } | { phone: string };
export interface SandboxMessageFilter {
  customerId?: string;
  channel?: SandboxMessageRecord['channel'];
  direction?: SandboxMessageRecord['direction'];
}

export class SandboxRepository {
  constructor(private readonly ctx: RepositoryContext) {}

  async insertCustomer(customer: SandboxCustomerRecord): Promise<void> {
    await this.ctx.db
      .insertInto('sandbox_customers')
      .values({
        id: customer.id,
        name: customer.name,
        ig_username: customer.igUsername,
        igsid: customer.igsid,
        bsuid: customer.bsuid,
        phone: customer.phone,
        created_at: customer.createdAt,
      })
      .execute();
  }

  async getCustomer(id: string): Promise<SandboxCustomerRecord | undefined> {
    const row = await this.ctx.db.selectFrom('sandbox_customers').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toCustomer(row);
  }

  async updateCustomer(id: string, patch: SandboxCustomerPatch): Promise<void> {
    const set = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.igUsername !== undefined && { ig_username: patch.igUsername }),
      ...(patch.igsid !== undefined && { igsid: patch.igsid }),
      ...(patch.bsuid !== undefined && { bsuid: patch.bsuid }),
      ...(patch.phone !== undefined && { phone: patch.phone }),
    };
    if (Object.keys(set).length === 0) return;
    await this.ctx.db.updateTable('sandbox_customers').set(set).where('id', '=', id).execute();
  }

  /** Oldest first; the id settles customers created in the same millisecond. */
  async listCustomers(): Promise<SandboxCustomerRecord[]> {
    const rows = await this.ctx.db.selectFrom('sandbox_customers').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(toCustomer);
  }

  async findCustomer(key: SandboxCustomerKey): Promise<SandboxCustomerRecord | undefined> {
    const [column, value] = 'igsid' in key ? (['igsid', key.igsid] as const) : 'bsuid' in key ? (['bsuid', key.bsuid] as const) : (['phone', key.phone] as const);
    const row = await this.ctx.db.selectFrom('sandbox_customers').selectAll().where(column, '=', value).orderBy('created_at').executeTakeFirst();
    return row && toCustomer(row);
  }

  async insertMessage(message: SandboxMessageRecord): Promise<void> {
    await this.ctx.db
      .insertInto('sandbox_messages')
      .values({
        id: message.id,
        customer_id: message.customerId,
        channel: message.channel,
        direction: message.direction,
        external_id: message.externalId,
        body: JSON.stringify(message.body ?? null),
        status: message.status,
        created_at: message.createdAt,
      })
      .execute();
  }

  async updateMessageStatus(externalId: string, status: string): Promise<void> {
    await this.ctx.db.updateTable('sandbox_messages').set({ status }).where('external_id', '=', externalId).execute();
  }

  async getMessageByExternalId(externalId: string): Promise<SandboxMessageRecord | undefined> {
    const row = await this.ctx.db
      .selectFrom('sandbox_messages')
      .selectAll()
      .where('external_id', '=', externalId)
      .orderBy('seq')
      .executeTakeFirst();
    return row && toMessage(row);
  }

  /** Creation order; `seq` (insertion order) settles messages of the same millisecond. */
  async listMessages(filter: SandboxMessageFilter = {}): Promise<SandboxMessageRecord[]> {
    const rows = await this.ctx.db
      .selectFrom('sandbox_messages')
      .selectAll()
      .$if(filter.customerId !== undefined, (q) => q.where('customer_id', '=', filter.customerId!))
      .$if(filter.channel !== undefined, (q) => q.where('channel', '=', filter.channel!))
      .$if(filter.direction !== undefined, (q) => q.where('direction', '=', filter.direction!))
      .orderBy('created_at')
      .orderBy('seq')
      .execute();
    return rows.map(toMessage);
  }
}

function toCustomer(row: Selectable<SandboxCustomerTable>): SandboxCustomerRecord {
  return {
    id: row.id,
    name: row.name,
    igUsername: row.ig_username,
    igsid: row.igsid,
    bsuid: row.bsuid,
    phone: row.phone,
    // PostgreSQL returns bigint columns as strings.
    createdAt: Number(row.created_at),
  };
}

function toMessage(row: Selectable<SandboxMessageTable>): SandboxMessageRecord {
  return {
    id: row.id,
    customerId: row.customer_id,
    channel: row.channel as SandboxMessageRecord['channel'],
    direction: row.direction as SandboxMessageRecord['direction'],
    externalId: row.external_id,
    body: JSON.parse(row.body) as unknown,
    status: row.status,
    createdAt: Number(row.created_at),
  };
}
