export { InstagramSettingsPage } from './routes/instagram';
export { MergeAutomationPage } from './routes/merge-automation';
export { PromptSettingsPage } from './routes/prompt-settings';
export { SettingsHomePage } from './routes/settings-home';
export { WhatsAppSettingsPage } from './routes/whatsapp';
export { WorkspaceSettingsPage } from './routes/workspace';
