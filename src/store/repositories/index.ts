import { AuditRepository } from './audit';
import { AutomationRunsRepository } from './automationRuns';
import { AutomationsRepository } from './automations';
import { ChannelsRepository } from './channels';
import { CodeGuessesRepository } from './codeGuesses';
import { ContactsRepository } from './contacts';
import { ConversationsRepository } from './conversations';
import { CustomerDataRepository } from './customerData';
import { DeliveriesRepository } from './deliveries';
import type { RepositoryContext } from './context';
import { EventsRepository } from './events';
import { IdentitiesRepository } from './identities';
import { InvitesRepository } from './invites';
import { JobsRepository } from './jobs';
import { MediaFilesRepository } from './mediaFiles';
import { MergeRequestsRepository } from './mergeRequests';
import { MergesRepository } from './merges';
import { RetentionRepository } from './retention';
import { MessagesRepository } from './messages';
import { SandboxRepository } from './sandbox';
import { SessionsRepository } from './sessions';
import { SetupTokensRepository } from './setupTokens';
import { SignInChecksRepository } from './signInChecks';
import { SuggestionsRepository } from './suggestions';
import { UsersRepository } from './users';
import { WhatsAppTemplatesRepository } from './whatsappTemplates';
import { WorkspacesRepository } from './workspaces';

/** Every repository, bound to one connection or one transaction. Add new repositories here. */
export function createRepositories(ctx: RepositoryContext) {
  return {
    audit: new AuditRepository(ctx),
    automationRuns: new AutomationRunsRepository(ctx),
    automations: new AutomationsRepository(ctx),
    channels: new ChannelsRepository(ctx),
    codeGuesses: new CodeGuessesRepository(ctx),
    contacts: new ContactsRepository(ctx),
    conversations: new ConversationsRepository(ctx),
    customerData: new CustomerDataRepository(ctx),
    deliveries: new DeliveriesRepository(ctx),
    events: new EventsRepository(ctx),
    identities: new IdentitiesRepository(ctx),
    invites: new InvitesRepository(ctx),
    jobs: new JobsRepository(ctx),
    mediaFiles: new MediaFilesRepository(ctx),
    mergeRequests: new MergeRequestsRepository(ctx),
    merges: new MergesRepository(ctx),
    retention: new RetentionRepository(ctx),
    messages: new MessagesRepository(ctx),
    sandbox: new SandboxRepository(ctx),
    sessions: new SessionsRepository(ctx),
    setupTokens: new SetupTokensRepository(ctx),
    signInChecks: new SignInChecksRepository(ctx),
    suggestions: new SuggestionsRepository(ctx),
    users: new UsersRepository(ctx),
    whatsappTemplates: new WhatsAppTemplatesRepository(ctx),
    workspaces: new WorkspacesRepository(ctx),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
