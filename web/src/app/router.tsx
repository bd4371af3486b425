import { createBrowserRouter, Navigate } from 'react-router-dom';
import { RequireAuth } from '../features/auth/components/require-auth';
import { SetupPage } from '../features/auth/routes/setup';
import { SignInPage } from '../features/auth/routes/sign-in';
import { ChatLayout, NoConversationSelected } from '../features/chat/routes/chat-layout';
import { ConversationPage } from '../features/chat/routes/conversation';
import { ContactPage } from '../features/contacts/routes/contact';
import { ContactsPage } from '../features/contacts/routes/contacts';
import { SandboxPage } from '../features/sandbox/routes/sandbox-page';
import { InstagramSettingsPage } from '../features/settings/routes/instagram';
import { MergeAutomationPage } from '../features/settings/routes/merge-automation';
import { PromptSettingsPage } from '../features/settings/routes/prompt-settings';
import { SettingsHomePage } from '../features/settings/routes/settings-home';
import { WhatsAppSettingsPage } from '../features/settings/routes/whatsapp';
import { WorkspaceSettingsPage } from '../features/settings/routes/workspace';
import { AgentsPage } from '../features/users/routes/agents';
import { NotFoundPage } from './not-found';

/** Every page of the agent UI. Paths are part of the product: the guide, links and bookmarks use them. */
export function createRouter() {
  return createBrowserRouter([
    { path: '/', element: <SignInPage /> },
    { path: '/setup', element: <SetupPage /> },
    // The customer simulator is public, like a customer's phone: no agent sign-in.
    { path: '/sandbox', element: <SandboxPage /> },
    {
      element: <RequireAuth />,
      children: [
        {
          path: 'chat',
          element: <ChatLayout />,
          children: [
            { index: true, element: <NoConversationSelected /> },
            { path: ':conversationId', element: <ConversationPage /> },
          ],
        },
        { path: 'contacts', element: <ContactsPage /> },
        { path: 'contacts/:contactId', element: <ContactPage /> },
        {
          path: 'settings',
          children: [
            { index: true, element: <SettingsHomePage /> },
            { path: 'agents', element: <AgentsPage /> },
            { path: 'instagram', element: <InstagramSettingsPage /> },
            { path: 'instagram/prompt-settings', element: <PromptSettingsPage /> },
            { path: 'instagram/prompt-settings/merge-automation', element: <MergeAutomationPage /> },
            { path: 'whatsapp', element: <WhatsAppSettingsPage /> },
            { path: 'workspace', element: <WorkspaceSettingsPage /> },
          ],
        },
        { path: 'inbox', element: <Navigate to="/chat" replace /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}

export type AppRouter = ReturnType<typeof createRouter>;
