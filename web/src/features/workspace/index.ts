export { useWorkspaceSettings } from './api/get-workspace-settings';
export { InviteSettingsForm } from './components/invite-settings-form';
export { useUpdateWorkspaceSettings } from './api/update-workspace-settings';
export { RetentionSettingsForm } from './components/retention-settings-form';
