import { describe, expect, it } from 'vitest';
import type { PlatformState, SandboxCustomer, SandboxMessage } from './state';

/**
 * The guarantees every PlatformState adapter must keep, as one suite: run it against the
 * in-memory adapter (state.test.ts) and against any database-backed one Braid provides.
 */
export function definePlatformStateContractTests(name: string, factory: () => Promise<PlatformState> | PlatformState): void {
  const customer = (id: string, over: Partial<SandboxCustomer> = {}): SandboxCustomer => ({
    id, name: `Name ${id}`, igUsername: `user_${id}`, igsid: `10000000000000${id.padStart(2, '0')}`,
    bsuid: `PT.${id}000`, phone: `+35191000000${id}`, createdAt: 1_700_000_000_000, ...over,
  });
  const message = (id: string, over: Partial<SandboxMessage> = {}): SandboxMessage => ({
    id, customerId: '1', channel: 'whatsapp', direction: 'from_customer', externalId: `wamid.${id}`,
    body: { text: { body: `hello ${id}` }, nested: ['a', { b: 1 }] }, status: 'received', createdAt: 1_700_000_000_000, ...over,
  });

  describe(`PlatformState contract: ${name}`, () => {
    it('stores, lists (creation order) and finds customers by each identifier', async () => {
      const state = await factory();
      await state.insertCustomer(customer('1'));
      await state.insertCustomer(customer('2', { phone: null, createdAt: 1_700_000_000_001 }));
      expect((await state.listCustomers()).map((c) => c.id)).toEqual(['1', '2']);
      expect(await state.getCustomer('2')).toEqual(customer('2', { phone: null, createdAt: 1_700_000_000_001 }));
      expect(await state.getCustomer('3')).toBeUndefined();
      expect((await state.findCustomer({ igsid: customer('2').igsid }))?.id).toBe('2');
      expect((await state.findCustomer({ bsuid: 'PT.1000' }))?.id).toBe('1');
      expect((await state.findCustomer({ phone: '+351910000001' }))?.id).toBe('1');
      expect(await state.findCustomer({ phone: 'null' })).toBeUndefined();
    });

    it('updates a customer without touching the others', async () => {
      const state = await factory();
      await state.insertCustomer(customer('1'));
      await state.insertCustomer(customer('2'));
      await state.updateCustomer('1', { phone: '+351999999999', bsuid: 'PT.999' });
      expect(await state.getCustomer('1')).toMatchObject({ phone: '+351999999999', bsuid: 'PT.999', name: 'Name 1' });
      expect(await state.getCustomer('2')).toEqual(customer('2'));
      expect(await state.findCustomer({ bsuid: 'PT.1000' })).toBeUndefined();
    });

    it('stores message bodies as JSON round trips, filters and keeps insertion order', async () => {
      const state = await factory();
      await state.insertMessage(message('a'));
      await state.insertMessage(message('b', { channel: 'instagram', externalId: 'aWdf1', direction: 'to_customer', status: 'sent' }));
      await state.insertMessage(message('c', { customerId: '2' }));
      await state.insertMessage(message('d', { customerId: null, direction: 'to_customer' }));
      expect((await state.listMessages()).map((m) => m.id)).toEqual(['a', 'b', 'c', 'd']);
      expect((await state.listMessages({ customerId: '1' })).map((m) => m.id)).toEqual(['a', 'b']);
      expect((await state.listMessages({ channel: 'whatsapp', direction: 'to_customer' })).map((m) => m.id)).toEqual(['d']);
      expect(await state.getMessageByExternalId('wamid.a')).toEqual(message('a'));
      expect(await state.getMessageByExternalId('nope')).toBeUndefined();
    });

    it('updates a message status by external id, and returned copies do not alias storage', async () => {
      const state = await factory();
      await state.insertMessage(message('a'));
      await state.updateMessageStatus('wamid.a', 'read');
      const got = await state.getMessageByExternalId('wamid.a');
      expect(got?.status).toBe('read');
      (got!.body as { text: { body: string } }).text.body = 'mutated';
      expect(((await state.listMessages())[0].body as { text: { body: string } }).text.body).toBe('hello a');
    });
  });
}
