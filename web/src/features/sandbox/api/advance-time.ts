import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api';
import { SANDBOX_API } from './types';

const clockSchema = z.object({ now: z.number() });

export const clockQueryKey = ['sandbox', 'clock'] as const;

/** The platform's (and, in sandbox mode, Braid's) current time: the wall clock plus what was advanced. */
export function clockQueryOptions() {
  return queryOptions({ queryKey: clockQueryKey, queryFn: () => api.get(`${SANDBOX_API}/clock`, clockSchema), refetchInterval: 30_000 });
}

export function useSandboxClock() {
  return useQuery(clockQueryOptions());
}

export interface AdvanceTime {
  hours?: number;
  days?: number;
}

/** Moves time forward at once, so a closed reply window can be shown without waiting. */
export function advanceTime(by: AdvanceTime) {
  return api.post(`${SANDBOX_API}/clock/advance`, by, clockSchema);
}

export function useAdvanceTime() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: advanceTime,
    onSuccess: (data) => {
      queryClient.setQueryData(clockQueryKey, data);
      void queryClient.invalidateQueries();
    },
  });
}
