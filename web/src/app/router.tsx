import { createBrowserRouter, Navigate } from 'react-router-dom';
import { RequireAuth, SetupPage, SignInPage } from '../features/auth';
import { ChannelsPage } from '../features/channels';
import { ChatLayout, ConversationPage, NoConversationSelected } from '../features/chat';
import { ContactPage, ContactsPage } from '../features/contacts';
import { SandboxPage } from '../features/sandbox';
import { InstagramSettingsPage, MergeAutomationPage, PromptSettingsPage, SettingsHomePage, WhatsAppSettingsPage, WorkspaceSettingsPage } from '../features/settings';
import { AgentsPage } from '../features/users';
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
            { path: 'channels', element: <ChannelsPage /> },
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
