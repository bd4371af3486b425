import { AuditRepository } from './audit';
import { ChannelsRepository } from './channels';
import type { RepositoryContext } from './context';
import { EventsRepository } from './events';
import { JobsRepository } from './jobs';
import { SessionsRepository } from './sessions';
import { UsersRepository } from './users';
import { WorkspacesRepository } from './workspaces';

/** Every repository, bound to one connection or one transaction. Add new repositories here. */
export function createRepositories(ctx: RepositoryContext) {
  return {
    audit: new AuditRepository(ctx),
    channels: new ChannelsRepository(ctx),
    events: new EventsRepository(ctx),
    jobs: new JobsRepository(ctx),
    sessions: new SessionsRepository(ctx),
    users: new UsersRepository(ctx),
    workspaces: new WorkspacesRepository(ctx),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
