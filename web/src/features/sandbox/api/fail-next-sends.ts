import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { SANDBOX_API, type SandboxChannel } from './types';

export interface SendFailure {
  channel: SandboxChannel;
  /** Meta's error code; the platform answers with Meta's envelope and HTTP status for it. */
  code: number;
  count: number;
}

/** The business's next sends on a channel fail as Meta would fail them. */
export function failNextSends(failure: SendFailure) {
  return api.post(`${SANDBOX_API}/errors`, failure);
}

export function useFailNextSends() {
  return useMutation({ mutationFn: failNextSends });
}
