import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { channelKindSchema } from '../../../lib/channel-kind';
import { channelSettingsSchema, channelsQueryKey, type Channel } from './list-channels';

const updateChannelSettingsResponseSchema = z.object({
  channelId: z.string(),
  kind: channelKindSchema,
  settings: channelSettingsSchema,
});
export type UpdatedChannelSettings = z.infer<typeof updateChannelSettingsResponseSchema>;

export interface UpdateChannelSettingsInput {
  channelId: string;
  allowAutoMerge: boolean;
}

export function updateChannelSettings({ channelId, allowAutoMerge }: UpdateChannelSettingsInput) {
  return api.patch(`/api/channels/${encodeURIComponent(channelId)}/settings`, { allowAutoMerge }, updateChannelSettingsResponseSchema);
}

/** The WhatsApp number an Instagram account's invites send customers to. */
export function useChooseInvitesNumber() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ channelId, whatsappChannelId }: { channelId: string; whatsappChannelId: string }) =>
      api.patch(`/api/channels/${encodeURIComponent(channelId)}/settings`, { invitesWhatsAppChannelId: whatsappChannelId }, updateChannelSettingsResponseSchema),
    onSettled: () => queryClient.invalidateQueries({ queryKey: channelsQueryKey }),
  });
}

/**
 * Saves at once. The switch moves before the answer (optimistically) and moves back
 * when the save fails, so what it shows is always what Braid will do.
 */
export function useUpdateChannelSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateChannelSettings,
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: channelsQueryKey });
      const previous = queryClient.getQueryData<Channel[]>(channelsQueryKey);
      queryClient.setQueryData<Channel[]>(channelsQueryKey, (channels) =>
        channels?.map((channel) =>
          channel.id === input.channelId ? { ...channel, settings: { ...channel.settings, allowAutoMerge: input.allowAutoMerge } } : channel,
        ),
      );
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(channelsQueryKey, context.previous);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: channelsQueryKey }),
  });
}
