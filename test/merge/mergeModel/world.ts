import { expect } from 'vitest';
import { createJobHandlers } from '../../../src/jobs/handlers';
import type { JobHandlers } from '../../../src/jobs/worker';
import type { BraidWithPlatform } from '../../withPlatform';
import { DAY, type Kind, type MCustomer, ROSTER } from './model';

/** How long a crashed worker's claim holds its jobs before another worker may take them. */
export const CRASHED_LEASE_MS = 5 * 60 * 1000;

/**
 * Worker restarts, as the harness can stage them (it drives the worker by draining explicitly):
 * - `before`: a worker claims the jobs a customer's message caused and dies before running them;
 *   after its lease a new worker runs them (so they run 5 minutes late);
 * - `after`: a worker runs them, commits, and dies before marking them done; after the lease a new
 *   worker runs them again (each must then change nothing more).
 */
export type Crash = 'none' | 'before' | 'after';

/** The running Braid and its simulated Meta platform, as one property run sees them. */
export class World {
  private handlers: JobHandlers | undefined;

  constructor(
    readonly env: BraidWithPlatform,
    readonly customers: MCustomer[],
  ) {}

  /**
   * A run starts two days after the previous one (so nothing of it is inside a window any more),
   * with automatic merging on, and five new customers whose names carry a run-unique word.
   */
  static async start(env: BraidWithPlatform, run: number): Promise<World> {
    await env.settle();
    env.braid.clock.advance(2 * DAY);
    await env.settle();
    const reset = await env.adminApi.patch(`/api/channels/${env.instagram.id}/settings`, { allowAutoMerge: true });
    expect(reset.status, reset.text).toBe(200);
    const customers: MCustomer[] = [];
    for (const [index, entry] of ROSTER.entries()) {
      const token = `q${run.toString(36)}x${index}`;
      const created = await env.platform.createCustomer({
        name: `${entry.first} ${token}`,
        igUsername: `${entry.first.toLowerCase()}.${token}`,
        ...(entry.phone ? {} : { phone: null }),
      });
      customers.push({
        index,
        id: created.id,
        name: created.name,
        username: created.igUsername,
        token,
        igsid: created.igsid,
        bsuid: created.bsuid,
        phone: created.phone ? created.phone.replace(/\D/g, '') : null,
      });
    }
    return new World(env, customers);
  }

  get api() {
    return this.env.agentApi;
  }

  now(): number {
    return this.env.braid.clock.now();
  }

  settle(): Promise<void> {
    return this.env.settle();
  }

  /**
   * A customer acts on their phone: the webhook reaches Braid (stored, jobs queued), `beforeJobs`
   * looks at Braid before any job runs, then the jobs run, through a worker crash if asked.
   * Returns the time the jobs ran at (the first run, for `after`).
   */
  async customerActs(act: () => Promise<unknown>, crash: Crash, beforeJobs?: () => Promise<void>): Promise<number> {
    await act();
    await this.env.platform.flush();
    await beforeJobs?.();
    const clock = this.env.braid.clock;
    let ranAt = clock.now();
    if (crash !== 'none') {
      const { store } = this.env.braid.ctx;
      const claimed = await store.transaction((repos) => repos.jobs.claimDue('crashed-worker', clock.now(), CRASHED_LEASE_MS, 100));
      if (crash === 'after') {
        this.handlers ??= createJobHandlers(this.env.braid.ctx);
        for (const job of claimed) await this.handlers[job.kind](job);
      }
      clock.advance(CRASHED_LEASE_MS + 1000);
      if (crash === 'before') ranAt = clock.now();
    }
    await this.settle();
    return ranAt;
  }

  /** The customer's conversation on a channel, found by search as an agent would, matched by the platform's id. */
  async findConversation(customer: MCustomer, kind: Kind): Promise<{ id: string; contactId: string; identityId: string }> {
    const externalId = kind === 'instagram' ? customer.igsid : customer.bsuid;
    const search = async (query: string) => {
      const list = await this.api.get(`/api/conversations?channel=${kind}${query}&limit=100`);
      expect(list.status, list.text).toBe(200);
      return list.body.conversations.filter((c: any) => c.customer.externalId === externalId);
    };
    let found = await search(`&q=${encodeURIComponent(customer.token)}`);
    // A new Instagram customer has no name until their profile is read (a job): the newest
    // conversations are searched by their id instead.
    if (found.length === 0 && kind === 'instagram') found = await search('');
    expect(found, `one ${kind} conversation of ${customer.name}`).toHaveLength(1);
    const view = await this.view(found[0].contactId);
    const identity = view.identities[kind].find((i: any) => i.externalId === externalId);
    expect(identity, `${customer.name}'s ${kind} identity on contact ${found[0].contactId}`).toBeTruthy();
    return { id: found[0].id, contactId: found[0].contactId, identityId: identity.id };
  }

  async view(contactId: string): Promise<any> {
    const view = await this.api.get(`/api/contacts/${contactId}`);
    expect(view.status, view.text).toBe(200);
    return view.body;
  }

  async timeline(contactId: string): Promise<any[]> {
    const page = await this.api.get(`/api/contacts/${contactId}/timeline?limit=500`);
    expect(page.status, page.text).toBe(200);
    expect(page.body.nextBefore, 'a run fits one timeline page').toBeNull();
    return page.body.messages;
  }

  async history(contactId: string): Promise<{ events: any[]; merges: any[] }> {
    const history = await this.api.get(`/api/contacts/${contactId}/history`);
    expect(history.status, history.text).toBe(200);
    expect(history.body.events.length, 'a run fits one history page').toBeLessThan(200);
    return history.body;
  }

  /** System notes of a conversation, oldest first. */
  async notes(conversationId: string): Promise<any[]> {
    const thread = await this.api.get(`/api/conversations/${conversationId}/messages?limit=200`);
    expect(thread.status, thread.text).toBe(200);
    return thread.body.messages.filter((m: any) => m.direction === 'system' && m.type === 'note');
  }

  /** What the business sent this customer (Graph request bodies), oldest first. */
  sends(customer: MCustomer, channel?: Kind) {
    return this.env.platform.sends({ customerId: customer.id, ...(channel && { channel }) });
  }
}

/** The text of a Graph send body, on either channel. */
export function sentText(body: any): string | undefined {
  return body?.message?.text ?? body?.text?.body;
}

/** The Not me payload of a notice: an Instagram quick reply, or a WhatsApp reply button's id. */
export function notMePayloadOf(body: any): string | undefined {
  const replies: any[] = body?.message?.quick_replies ?? [];
  const buttons: any[] = (body?.interactive?.action?.buttons ?? []).map((b: any) => ({ payload: b?.reply?.id }));
  return [...replies, ...buttons].find((r) => typeof r.payload === 'string' && r.payload.startsWith('NOT_ME:'))?.payload;
}
