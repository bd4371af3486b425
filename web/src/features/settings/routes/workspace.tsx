import { Page } from '../../../components/layout/page';
import { Callout } from '../../../components/ui/alert';
import { useSession } from '../../auth/use-session';

/** `/settings/workspace`: settings that apply to the whole workspace. */
export function WorkspaceSettingsPage() {
  const { workspace } = useSession();
  return (
    <Page
      title="Workspace"
      description={`Settings for ${workspace.name}.`}
    >
      <Callout>The WhatsApp invite sentence and how long an invite stays valid will be set here.</Callout>
    </Page>
  );
}
