import { Page } from '../../../components/layout/page';
import { Callout } from '../../../components/ui/alert';
import { ApiError, errorMessage } from '../../../lib/api';
import { useSession } from '../../../lib/session/use-session';
import { InviteSettingsForm, RetentionSettingsForm, useWorkspaceSettings } from '../../workspace';
import '../settings.css';

/** `/settings/workspace`: settings that apply to the whole workspace. */
export function WorkspaceSettingsPage() {
  const { workspace } = useSession();
  const settings = useWorkspaceSettings();
  return (
    <Page title="Workspace" description={`Settings for ${workspace.name}.`}>
      <section className="card section" aria-labelledby="invite-heading">
        <h2 id="invite-heading">WhatsApp invite</h2>
        {settings.isPending && <p className="muted">Loading…</p>}
        {settings.isError && (
          <Callout tone="warning" role="alert" title={settings.error instanceof ApiError && settings.error.isForbidden ? 'Only admins change these settings' : undefined}>
            {errorMessage(settings.error)}
          </Callout>
        )}
        {settings.data && <InviteSettingsForm settings={settings.data} />}
      </section>
      {settings.data && (
        <section className="card section" aria-labelledby="retention-heading">
          <h2 id="retention-heading">Message retention</h2>
          <RetentionSettingsForm settings={settings.data} />
        </section>
      )}
    </Page>
  );
}
