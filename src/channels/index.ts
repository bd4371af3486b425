/**
 * Meta's two messaging channels as pure code: webhook signatures, webhook parsing into
 * normalized events, and thin Graph API clients. No database, no HTTP server.
 */
export * from './events';
export { signBody, signBodySha1, verifySignature, metaJsonStringify } from './meta/signature';
export { GraphApiError, type FetchLike } from './meta/graphApi';
export { parseInstagramWebhook } from './instagram/webhook';
export { parseWhatsAppWebhook } from './whatsapp/webhook';
export {
  InstagramGraphClient,
  type InstagramGraphClientOptions,
  type InstagramProfile,
  type QuickReply,
  type TemplateButton,
  type InstagramAttachmentType,
  type SendOptions as InstagramSendOptions,
  MAX_QUICK_REPLIES,
  MAX_QUICK_REPLY_TITLE,
  MAX_BUTTON_TEXT,
} from './instagram/graphClient';
export {
  WhatsAppGraphClient,
  type WhatsAppGraphClientOptions,
  type WhatsAppRecipient,
  type ReplyButton,
  type MediaType,
} from './whatsapp/graphClient';
export type { SendResult } from './whatsapp/graphClient';
