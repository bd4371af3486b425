import { z } from 'zod';
import { type DownloadedFile, downloadFile, GraphTransport, invalidParameter, type FetchLike } from '../meta/graphApi';

/**
 * Instagram Messaging API (Instagram Login variant, reference §2.3 and §2.6):
 * `POST {apiUrl}/{accountId}/messages` and `GET {apiUrl}/{igsid}?fields=…`.
 * The base URL is configuration, so the same client talks to Meta or the sandbox.
 */

export interface InstagramGraphClientOptions {
  apiUrl: string;
  accountId: string;
  accessToken: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

export interface SendResult {
  messageId: string;
  recipientId?: string;
}

export interface SendOptions {
  /** Human agent tag: lets a person reply up to 7 days after the customer's last message. */
  humanAgent?: boolean;
}

export interface QuickReply {
  title: string;
  payload: string;
}

export type TemplateButton =
  | { type: 'web_url'; title: string; url: string }
  | { type: 'postback'; title: string; payload: string };

export type InstagramAttachmentType = 'image' | 'video' | 'audio' | 'file';

export interface InstagramProfile {
  name?: string;
  username?: string;
  profilePic?: string;
}

export const MAX_QUICK_REPLIES = 13;
export const MAX_QUICK_REPLY_TITLE = 20;
export const MAX_BUTTON_TEXT = 640;

const sendResponse = z.looseObject({ message_id: z.string().min(1), recipient_id: z.string().optional() });
const profileResponse = z.looseObject({
  name: z.string().nullish(),
  username: z.string().nullish(),
  profile_pic: z.string().nullish(),
});

const idSchema = z.union([z.string().min(1), z.number().transform(String)]);
const accountFields = z.looseObject({ user_id: idSchema, username: z.string().nullish() });
/** Meta documents `{"data":[{…}]}`; real answers are flat: read both (reference §7.5). */
const accountResponse = z.union([accountFields, z.looseObject({ data: z.array(accountFields).min(1) }).transform((b) => b.data[0])]);
const subscribeResponse = z.looseObject({ success: z.boolean() });

/** What Instagram Login's webhook fields are: everything a conversation needs. */
export const INSTAGRAM_MESSAGING_FIELDS = ['messages', 'messaging_postbacks', 'messaging_seen', 'message_reactions', 'messaging_referral'] as const;

export interface InstagramAccount {
  /** The professional account's id: what webhooks carry as `entry.id`. */
  userId: string;
  username?: string;
}

export class InstagramGraphClient {
  private readonly transport: GraphTransport;

  constructor(private readonly options: InstagramGraphClientOptions) {
    this.transport = new GraphTransport(options);
  }

  sendText(igsid: string, text: string, options: SendOptions = {}): Promise<SendResult> {
    return this.send(igsid, { text }, options);
  }

  sendQuickReplies(igsid: string, text: string, replies: QuickReply[], options: SendOptions = {}): Promise<SendResult> {
    if (replies.length < 1 || replies.length > MAX_QUICK_REPLIES) {
      return Promise.reject(invalidParameter(`quick replies: give 1 to ${MAX_QUICK_REPLIES}, got ${replies.length}`));
    }
    const tooLong = replies.find((r) => [...r.title].length > MAX_QUICK_REPLY_TITLE);
    if (tooLong) {
      return Promise.reject(invalidParameter(`quick reply title "${tooLong.title}" is over ${MAX_QUICK_REPLY_TITLE} characters`));
    }
    const quick_replies = replies.map((r) => ({ content_type: 'text', title: r.title, payload: r.payload }));
    return this.send(igsid, { text, quick_replies }, options);
  }

  sendButtonTemplate(igsid: string, text: string, buttons: TemplateButton[], options: SendOptions = {}): Promise<SendResult> {
    if (buttons.length < 1 || buttons.length > 3) {
      return Promise.reject(invalidParameter(`button template: give 1 to 3 buttons, got ${buttons.length}`));
    }
    if ([...text].length > MAX_BUTTON_TEXT) {
      return Promise.reject(invalidParameter(`button template text is over ${MAX_BUTTON_TEXT} characters`));
    }
    const payload = { template_type: 'button', text, buttons };
    return this.send(igsid, { attachment: { type: 'template', payload } }, options);
  }

  sendAttachment(igsid: string, type: InstagramAttachmentType, url: string, options: SendOptions = {}): Promise<SendResult> {
    return this.send(igsid, { attachment: { type, payload: { url } } }, options);
  }

  /** An attachment's CDN URL is public (no token) and expires within days: fetch it while it works. */
  downloadAttachment(url: string, maxBytes: number): Promise<DownloadedFile> {
    return downloadFile(this.options.fetch ?? ((input, init) => fetch(input, init)), url, maxBytes, {}, this.options.timeoutMs ?? 60_000);
  }

  async getProfile(igsid: string): Promise<InstagramProfile> {
    const path = `/${encodeURIComponent(igsid)}?fields=name,username,profile_pic`;
    const body = await this.transport.request('GET', path, profileResponse);
    return {
      name: body.name ?? undefined,
      username: body.username ?? undefined,
      profilePic: body.profile_pic ?? undefined,
    };
  }

  /** `GET /me?fields=user_id,username`: whose token this is. */
  async getAccount(): Promise<InstagramAccount> {
    const body = await this.transport.request('GET', '/me?fields=user_id,username', accountResponse);
    return { userId: String(body.user_id), username: body.username ?? undefined };
  }

  /** Subscribes the app to the account's messaging webhooks, so they arrive without a visit to Meta's dashboard. */
  async subscribeApp(accountId: string, fields: readonly string[] = INSTAGRAM_MESSAGING_FIELDS): Promise<boolean> {
    const path = `/${encodeURIComponent(accountId)}/subscribed_apps?subscribed_fields=${fields.map(encodeURIComponent).join(',')}`;
    return (await this.transport.request('POST', path, subscribeResponse)).success;
  }

  private async send(igsid: string, message: Record<string, unknown>, options: SendOptions): Promise<SendResult> {
    const body = {
      recipient: { id: igsid },
      ...(options.humanAgent ? { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' } : { messaging_type: 'RESPONSE' }),
      message,
    };
    const path = `/${encodeURIComponent(this.options.accountId)}/messages`;
    const res = await this.transport.request('POST', path, sendResponse, body);
    return { messageId: res.message_id, recipientId: res.recipient_id };
  }
}
