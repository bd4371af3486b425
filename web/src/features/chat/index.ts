export { ChatLayout, NoConversationSelected } from './routes/chat-layout';
export { ConversationPage } from './routes/conversation';
