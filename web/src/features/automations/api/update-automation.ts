import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { automationSchema, automationsRootKey, type Automation } from './automation-schema';

const updateAutomationResponseSchema = z.object({ automation: automationSchema });

export type AutomationChanges = Partial<Pick<Automation, 'name' | 'enabled' | 'trigger' | 'steps' | 'stopOnAgentAction' | 'cooldownSeconds' | 'position'>>;

/** A refused automation answers 422 with a message naming the step and field to fix ("Step 3 (branch): …"). */
export function updateAutomation({ id, changes }: { id: string; changes: AutomationChanges }) {
  return api.patch(`/api/automations/${encodeURIComponent(id)}`, changes, updateAutomationResponseSchema);
}

export function useUpdateAutomation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAutomation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: automationsRootKey }),
  });
}
