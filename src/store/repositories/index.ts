import { AuditRepository } from './audit';
import { ChannelsRepository } from './channels';
import { ContactsRepository } from './contacts';
import { ConversationsRepository } from './conversations';
import { DeliveriesRepository } from './deliveries';
import type { RepositoryContext } from './context';
import { EventsRepository } from './events';
import { IdentitiesRepository } from './identities';
import { JobsRepository } from './jobs';
import { MessagesRepository } from './messages';
import { SessionsRepository } from './sessions';
import { UsersRepository } from './users';
import { WorkspacesRepository } from './workspaces';

/** Every repository, bound to one connection or one transaction. Add new repositories here. */
export function createRepositories(ctx: RepositoryContext) {
  return {
    audit: new AuditRepository(ctx),
    channels: new ChannelsRepository(ctx),
    contacts: new ContactsRepository(ctx),
    conversations: new ConversationsRepository(ctx),
    deliveries: new DeliveriesRepository(ctx),
    events: new EventsRepository(ctx),
    identities: new IdentitiesRepository(ctx),
    jobs: new JobsRepository(ctx),
    messages: new MessagesRepository(ctx),
    sessions: new SessionsRepository(ctx),
    users: new UsersRepository(ctx),
    workspaces: new WorkspacesRepository(ctx),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
