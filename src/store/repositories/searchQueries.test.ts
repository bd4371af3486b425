import { describe, expect, it } from 'vitest';
import { compilingContext } from '../../../test/compiledSql';
import { ContactsRepository } from './contacts';
import { ConversationsRepository } from './conversations';

/**
 * The SQL of the inbox's two searches (contacts and conversations), compiled for both dialects
 * and kept in src/store/queries, so a change to them shows in review: each LIKE carries its
 * ESCAPE clause, which makes `%`, `_` and `\` in a search literal on both.
 */
describe.each(['sqlite', 'postgres'] as const)('search queries on %s', (dialect) => {
  it('match the reviewed SQL', async () => {
    const sink: string[] = [];
    const ctx = compilingContext(dialect, sink);
    const contacts = new ContactsRepository(ctx);
    const conversations = new ConversationsRepository(ctx);
    const section = async (name: string, work: () => Promise<unknown>) => {
      sink.push(`-- ${name}`);
      await work().catch(() => undefined);
      sink.push('');
    };
    await section('contacts.search (a name)', () => contacts.search('w', { query: '100% ana_2', limit: 50 }));
    await section('contacts.search (a phone number)', () => contacts.search('w', { query: '+351 912', limit: 50 }));
    await section('conversations.list (a name)', () => conversations.list('w', { query: '100% ana_2', limit: 30 }));
    await section('conversations.list (a phone number)', () => conversations.list('w', { query: '+351 912', limit: 30 }));
    await expect(sink.join('\n')).toMatchFileSnapshot(`../queries/search.${dialect}.sql`);
  });
});
