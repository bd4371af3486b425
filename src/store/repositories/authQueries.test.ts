import { describe, expect, it } from 'vitest';
import { compilingContext } from '../../../test/compiledSql';
import { SetupTokensRepository } from './setupTokens';
import { SignInChecksRepository } from './signInChecks';
import { WorkspacesRepository } from './workspaces';

/**
 * The SQL of every sign-in attempt (the lock, the count, the write) and of the setup link's check
 * and use, compiled for both dialects and kept in src/store/queries, so a change to a query on
 * these paths shows in review.
 */
describe.each(['sqlite', 'postgres'] as const)('sign-in queries on %s', (dialect) => {
  it('match the reviewed SQL', async () => {
    const sink: string[] = [];
    const ctx = compilingContext(dialect, sink);
    const checks = new SignInChecksRepository(ctx);
    const setupTokens = new SetupTokensRepository(ctx);
    const workspaces = new WorkspacesRepository(ctx);
    const section = async (name: string, work: () => Promise<unknown>) => {
      sink.push(`-- ${name}`);
      await work().catch(() => undefined);
      sink.push('');
    };
    await section('signInChecks.hold (account, then address; sweep)', () => checks.hold('a@b.test', '198.51.100.1', 1));
    await section('signInChecks.recent', () => checks.recent('a@b.test', '198.51.100.1', 1));
    await section('signInChecks.record', () => checks.record({ id: 'c', account: 'a@b.test', address: '198.51.100.1', startedAt: 1 }));
    await section('signInChecks.clear', () => checks.clear('a@b.test', '198.51.100.1'));
    await section('workspaces.lock', () => workspaces.lock('w'));
    await section('setupTokens.revokeUnused', () => setupTokens.revokeUnused('w', 1));
    await section('setupTokens.consume', () => setupTokens.consume('h', 1));
    await section('setupTokens.isValid', () => setupTokens.isValid('h', 1));
    const text = sink.join('\n');
    if (dialect === 'postgres') expect(text).toMatch(/pg_advisory_xact_lock\(\$1, hashtext\(\$2\)\)/);
    await expect(text).toMatchFileSnapshot(`../queries/auth.${dialect}.sql`);
  });
});
