import { Page } from '../../../components/layout/page';
import { Callout, FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { ApiError, errorMessage } from '../../../lib/api';
import { useSession } from '../../../lib/session/use-session';
import { useUsers } from '../api/list-users';
import { AgentList } from '../components/agent-list';
import { CreateAgentForm } from '../components/create-agent-form';

const adminOnlyMessage = 'Only admins can add or change agents. Ask an admin of your workspace.';

/**
 * `/settings/agents`: admins see and add the workspace's people. An agent sees
 * why they cannot change anything (and the team, where the API lets them see it).
 */
export function AgentsPage() {
  const { user } = useSession();
  const users = useUsers();
  const isAdmin = user.role === 'admin';

  if (users.isError && users.error instanceof ApiError && users.error.isForbidden) {
    return (
      <Page title="Agents">
        <Callout tone="warning" title="You cannot manage agents" role="alert">
          {users.error.message}
        </Callout>
      </Page>
    );
  }

  return (
    <Page title="Agents" description="The people who answer conversations in this workspace." width="wide">
      {!isAdmin && (
        <Callout tone="warning" title="You cannot manage agents" role="alert">
          {adminOnlyMessage}
        </Callout>
      )}
      <div className={isAdmin ? 'split' : undefined}>
        <section className="card" aria-labelledby="team-heading">
          <h2 id="team-heading">Team</h2>
          {users.isPending && (
            <p className="muted" aria-busy="true">
              Loading agents…
            </p>
          )}
          {users.isError && (
            <>
              <FormError>{errorMessage(users.error)}</FormError>
              <Button variant="secondary" onClick={() => users.refetch()} pending={users.isFetching}>
                Try again
              </Button>
            </>
          )}
          {users.data && <AgentList users={users.data} currentUserId={user.id} canManage={isAdmin} />}
        </section>
        {isAdmin && (
          <section className="card">
            <CreateAgentForm />
          </section>
        )}
      </div>
    </Page>
  );
}
