import type { Config } from '../../../config';
import type { Channel } from '../../../store/repositories/channels';
import type { Repositories } from '../../../store/store';

/**
 * The WhatsApp number an Instagram account's invites send customers to: the one its settings
 * choose while that number is connected, otherwise the first number connected. An environment
 * number's digits come from WHATSAPP_PHONE_NUMBER; one connected in Settings keeps what the admin
 * entered.
 */
export async function invitesWhatsAppNumber(
  repos: Repositories,
  config: Config,
  instagram: Channel,
): Promise<{ channel: Channel; phoneNumber: string } | undefined> {
  const numbers = (await repos.channels.list(instagram.workspaceId)).filter((c) => c.kind === 'whatsapp' && c.disconnectedAt === null);
  const channel = numbers.find((c) => c.id === instagram.settings.invitesWhatsAppChannelId) ?? numbers[0];
  if (!channel) return undefined;
  const phoneNumber = channel.source === 'environment' ? config.meta.whatsapp.phoneNumber : channel.details.displayPhoneNumber ?? '';
  return { channel, phoneNumber };
}
