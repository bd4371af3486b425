import type { AppContext, GraphClients } from '../../../context';
import type { OutboundContent } from '../../../domain/messaging/outbound';
import type { SendOptions } from '../../messages/steps/sendContent';
import { UnsendableContentError } from '../../messages/steps/sendContent';
import { mediaLinkUrl } from '../mediaLinks';

/**
 * Where Meta finds an agent's file, right before the send: WhatsApp gets the bytes uploaded
 * (`POST /<phone-number-id>/media`) and the message names the returned id; Instagram only takes
 * a URL, so it gets a signed, expiring link to this one file.
 */
export async function prepareOutboundFile(
  ctx: AppContext,
  graph: GraphClients,
  channelKind: 'instagram' | 'whatsapp',
  workspaceId: string,
  content: Extract<OutboundContent, { kind: 'file' }>,
): Promise<NonNullable<SendOptions['file']>> {
  const file = await ctx.store.repos.mediaFiles.get(workspaceId, content.mediaFileId);
  if (!file || file.state !== 'stored' || !file.storageKey) throw new UnsendableContentError('The attached file is no longer in Braid’s storage.');
  if (channelKind === 'instagram') return { url: mediaLinkUrl(ctx, file.id) };
  const stored = await ctx.media.get(file.storageKey);
  if (!stored) throw new UnsendableContentError('The attached file is missing from media storage.');
  const whatsappMediaId = await graph.whatsapp.uploadMedia({ bytes: stored.bytes, mimeType: content.contentType, filename: content.filename });
  return { whatsappMediaId };
}
