import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { deliveryQueryKey, type DeliveryOptions } from './get-delivery';
import { SANDBOX_API } from './types';

export function updateDelivery(patch: Partial<DeliveryOptions>) {
  return api.patch(`${SANDBOX_API}/delivery`, patch);
}

export function useUpdateDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateDelivery,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deliveryQueryKey }),
  });
}
