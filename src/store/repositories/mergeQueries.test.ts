import { describe, expect, it } from 'vitest';
import { compilingContext, sqlSection } from '../../../test/compiledSql';
import { CodeGuessesRepository } from './codeGuesses';
import { ContactsRepository } from './contacts';
import { IdentitiesRepository } from './identities';
import { InvitesRepository } from './invites';
import { MergeRequestsRepository } from './mergeRequests';
import { MergesRepository } from './merges';
import { SuggestionsRepository } from './suggestions';

/**
 * The SQL of the merge path (locks, re-pointing, snapshots) and of the invite-code check, compiled
 * for both dialects and kept in src/store/queries, so a change to a query shows in review. None of
 * them may touch the messages table by conversation history: a merge costs the same at any size.
 */
describe.each(['sqlite', 'postgres'] as const)('merge queries on %s', (dialect) => {
  it('match the reviewed SQL', async () => {
    const sink: string[] = [];
    const ctx = compilingContext(dialect, sink);
    const contacts = new ContactsRepository(ctx);
    const identities = new IdentitiesRepository(ctx);
    const merges = new MergesRepository(ctx);
    const invites = new InvitesRepository(ctx);
    const guesses = new CodeGuessesRepository(ctx);
    const requests = new MergeRequestsRepository(ctx);
    const suggestions = new SuggestionsRepository(ctx);
    const section = sqlSection(sink);
    await section('contacts.lock (both contacts, id order)', () => contacts.lock('w', ['a', 'b']));
    await section('identities.forContacts', () => identities.forContacts(['a', 'b']));
    await section('identities.repoint', () => identities.repoint(['i1'], 'a'));
    await section('merges.forContacts (live)', () => merges.forContacts('w', ['a', 'b'], { live: true }));
    await section('merges.captureContacts', () => merges.captureContacts(['a', 'b']));
    await section('merges.markUndone', () => merges.markUndone('m', 'u', 1));
    await section('invites.findByCodeHash', () => invites.findByCodeHash(['h1', 'h2']));
    await section('invites.transition', () => invites.transition('i', ['sent'], 'connected', { connectedAt: 1, answer: { identityId: 'x', conversationId: 'y' } }));
    await section('codeGuesses.recordFailure', () => guesses.recordFailure('wa:x', 1, 3_600_000));
    await section('mergeRequests.decide', () => requests.decide('r', 'accepted', 'u', 1));
    await section('mergeRequests.threadItemIds', () => requests.threadItemIds(['c1', 'c2'], { id: 'r', createdAt: 1 }));
    await section('suggestions.candidateContactIds', () => suggestions.candidateContactIds('w', { phones: ['351912345678'], emails: ['a@b.pt'], names: ['ana silva'] }));
    const text = sink.join('\n');
    expect(text).toMatch(dialect === 'postgres' ? /"id" in \(\$2, \$3\) order by "id" for update;/ : /"id" in \(\?, \?\) order by "id";/);
    await expect(text).toMatchFileSnapshot(`../queries/merge.${dialect}.sql`);
  });
});
