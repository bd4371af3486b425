import type { GraphClients } from '../../../context';
import type { InstagramGraphClient } from '../../../channels/instagram/graphClient';
import type { WhatsAppGraphClient, WhatsAppRecipient } from '../../../channels/whatsapp/graphClient';
import { type OutboundContent, whatsappButtonTextProblem } from '../../../domain/messaging/outbound';
import type { Identity } from '../../../store/repositories/identities';

/** Content a channel cannot carry: the row fails with this, nothing is sent. */
export class UnsendableContentError extends Error {}

export interface SentMessage {
  messageId: string;
}

export interface SendOptions {
  humanAgent?: boolean;
  /**
   * Where Meta finds a `file` content's bytes, prepared by the caller: the media id WhatsApp
   * returned for the upload, or the signed link Instagram fetches.
   */
  file?: { whatsappMediaId: string } | { url: string };
}

/**
 * Turns one OutboundContent into the exact Graph call of the identity's channel. Instagram takes
 * text, quick replies, a button template and attachments by URL. WhatsApp has no quick replies or
 * button template: quick replies become interactive reply buttons (at most 3), a single link
 * button becomes a CTA-URL message, and a customer is addressed by phone when Braid knows it
 * (`to` wins at Meta anyway), else by business-scoped user id.
 */
export async function sendContent(graph: GraphClients, identity: Identity, content: OutboundContent, options: SendOptions = {}): Promise<SentMessage> {
  return identity.kind === 'instagram' ? sendOnInstagram(graph.instagram, identity, content, options) : sendOnWhatsApp(graph.whatsapp, identity, content, options);
}

function sendOnInstagram(client: InstagramGraphClient, identity: Identity, content: OutboundContent, options: SendOptions): Promise<SentMessage> {
  const igsid = identity.externalId;
  if (!igsid) throw new UnsendableContentError('This Instagram customer has no Instagram-scoped id to send to.');
  switch (content.kind) {
    case 'text':
      return client.sendText(igsid, content.text, options);
    case 'quick_replies':
      return client.sendQuickReplies(igsid, content.text, content.replies, options);
    case 'buttons':
      return client.sendButtonTemplate(igsid, content.text, content.buttons, options);
    case 'attachment':
      return client.sendAttachment(igsid, content.type, content.url, options);
    case 'file':
      if (!options.file || !('url' in options.file)) throw new UnsendableContentError('The attached file has no link Instagram can fetch.');
      return client.sendAttachment(igsid, content.type, options.file.url, options);
    case 'contact_request':
      throw new UnsendableContentError('Asking for a phone number is a WhatsApp feature; Instagram cannot send it.');
    case 'template':
      throw new UnsendableContentError('Message templates are a WhatsApp feature; Instagram cannot send them.');
  }
}

function sendOnWhatsApp(client: WhatsAppGraphClient, identity: Identity, content: OutboundContent, options: SendOptions): Promise<SentMessage> {
  const to = recipientOf(identity);
  const tooLong = whatsappButtonTextProblem(content);
  if (tooLong) throw new UnsendableContentError(tooLong);
  switch (content.kind) {
    case 'text':
      return client.sendText(to, content.text);
    case 'quick_replies':
      if (content.replies.length > 3) throw new UnsendableContentError('WhatsApp shows at most 3 reply buttons.');
      return client.sendInteractiveButtons(to, content.text, content.replies.map((r) => ({ id: r.payload, title: r.title })));
    case 'buttons': {
      const [first] = content.buttons;
      if (content.buttons.length === 1 && first.type === 'web_url') {
        return client.sendCtaUrl(to, content.text, { displayText: first.title, url: first.url });
      }
      const postbacks = content.buttons.flatMap((b) => (b.type === 'postback' ? [{ id: b.payload, title: b.title }] : []));
      if (postbacks.length === content.buttons.length) return client.sendInteractiveButtons(to, content.text, postbacks);
      // Several links: WhatsApp has one CTA per message, so the links go in the text.
      const links = content.buttons.map((b) => (b.type === 'web_url' ? `${b.title}: ${b.url}` : b.title)).join('\n');
      return client.sendText(to, `${content.text}\n\n${links}`, { previewUrl: true });
    }
    case 'attachment':
      return client.sendMedia(to, content.type === 'file' ? 'document' : content.type, content.url, { caption: content.caption });
    case 'file':
      if (!options.file || !('whatsappMediaId' in options.file)) throw new UnsendableContentError('The attached file was not uploaded to WhatsApp.');
      return client.sendMediaById(to, content.type === 'file' ? 'document' : content.type, options.file.whatsappMediaId, { filename: content.filename });
    case 'contact_request':
      return client.sendContactRequest(to, content.text);
    case 'template':
      return client.sendTemplate(to, content.name, content.language, content.components);
  }
}

function recipientOf(identity: Identity): WhatsAppRecipient {
  if (identity.phone) return { phone: identity.phone };
  if (identity.externalId) return { bsuid: identity.externalId };
  throw new UnsendableContentError('This WhatsApp customer has neither a phone number nor a user id to send to.');
}
