import type { AppContext } from '../../context';
import { notFound, unprocessable } from '../../domain/shared/errors';
import { type ChannelSettings, channelSettingsSchema } from '../../domain/workspace/settings';
import type { Channel } from '../../store/repositories/channels';

export interface UpdateChannelSettingsInput {
  workspaceId: string;
  channelId: string;
  actorId: string;
  /** Only the keys to change; the others keep their values. */
  patch: Partial<ChannelSettings>;
}

/**
 * An admin changes a channel's settings (Manual merge mode is `allowAutoMerge = false`). Audited
 * with the old and new values; `channel.settings_updated` lets an open settings page confirm it
 * ("allowAutoMerge setting updated") and other tabs follow.
 */
export async function updateChannelSettings(ctx: AppContext, input: UpdateChannelSettingsInput): Promise<Channel> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const channel = await repos.channels.get(input.workspaceId, input.channelId);
    if (!channel) throw notFound('channel_not_found', 'This channel does not exist in this workspace.');
    const chosen = input.patch.invitesWhatsAppChannelId;
    if (chosen !== undefined) {
      if (channel.kind !== 'instagram') {
        throw unprocessable('invites_number_needs_instagram', 'The WhatsApp number for invites is chosen on an Instagram account.');
      }
      const number = chosen === null ? undefined : await repos.channels.get(input.workspaceId, chosen);
      if (chosen !== null && (!number || number.kind !== 'whatsapp' || number.disconnectedAt !== null)) {
        throw unprocessable('invites_number_not_connected', 'Choose a WhatsApp number connected in Settings → Channels for invites.');
      }
    }
    const settings = channelSettingsSchema.parse({ ...channel.settings, ...input.patch });
    await repos.channels.updateSettings(channel.id, settings);
    const changed = (Object.keys(input.patch) as (keyof ChannelSettings)[]).filter((k) => channel.settings[k] !== settings[k]);
    await repos.audit.append(
      {
        workspaceId: input.workspaceId,
        actorType: 'user',
        actorId: input.actorId,
        action: 'channel.settings_updated',
        subjectType: 'channel',
        subjectId: channel.id,
        data: { before: channel.settings, after: settings, changed },
      },
      now,
    );
    await repos.events.record(input.workspaceId, 'channel.settings_updated', { channelId: channel.id, kind: channel.kind, settings, changed, actorId: input.actorId }, now);
    return { ...channel, settings };
  });
}
