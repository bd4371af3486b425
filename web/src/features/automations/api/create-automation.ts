import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import type { ChannelKind } from '../../../lib/channel-kind';
import { automationSchema, automationsRootKey, type Automation } from './automation-schema';

const createAutomationResponseSchema = z.object({ automation: automationSchema });

export type NewAutomation = Pick<Automation, 'name' | 'enabled' | 'trigger' | 'steps'>;

export function createAutomation({ channel, automation }: { channel: ChannelKind; automation: NewAutomation }) {
  return api.post('/api/automations', { channel, ...automation }, createAutomationResponseSchema);
}

export function useCreateAutomation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAutomation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: automationsRootKey }),
  });
}
