import { useId, useState } from 'react';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { useNotify } from '../../../components/ui/notifications';
import { Switch } from '../../../components/ui/switch';
import { errorMessage } from '../../../lib/api';
import { useFailNextSends } from '../api/fail-next-sends';
import { useDelivery, type DeliveryOptions } from '../api/get-delivery';
import type { SandboxChannel } from '../api/types';
import { useUpdateDelivery } from '../api/update-delivery';

/** Each switch's settings when on and off: webhook faults Meta really produces, exaggerated to be seen. */
const FAULTS = {
  duplicates: {
    label: 'Duplicate deliveries',
    description: 'Half of the webhook posts arrive twice.',
    isOn: (o: DeliveryOptions) => o.duplicateRate > 0,
    on: { duplicateRate: 0.5 },
    off: { duplicateRate: 0 },
  },
  outOfOrder: {
    label: 'Out-of-order batches',
    description: 'Up to 5 events per post, shuffled within and across posts.',
    isOn: (o: DeliveryOptions) => o.shuffle,
    on: { shuffle: true, batchSize: 5 },
    off: { shuffle: false, batchSize: 1 },
  },
  delayed: {
    label: 'Delayed delivery',
    description: 'Webhooks leave 3 seconds after the event, batched together.',
    isOn: (o: DeliveryOptions) => o.delayMs > 0,
    on: { delayMs: 3_000 },
    off: { delayMs: 0 },
  },
} satisfies Record<string, { label: string; description: string; isOn: (o: DeliveryOptions) => boolean; on: Partial<DeliveryOptions>; off: Partial<DeliveryOptions> }>;

/** Meta error codes a send can fail with, by channel, in Meta's words. */
const ERROR_CODES: Record<SandboxChannel, { code: number; label: string }[]> = {
  whatsapp: [
    { code: 131047, label: '131047 Re-engagement message (24-hour window closed)' },
    { code: 131026, label: '131026 Message undeliverable' },
    { code: 130429, label: '130429 Rate limit hit' },
    { code: 131048, label: '131048 Spam rate limit hit' },
    { code: 131057, label: '131057 Account in maintenance mode' },
    { code: 190, label: '190 Invalid OAuth access token' },
  ],
  instagram: [
    { code: 10, label: '10 Sent outside of allowed window' },
    { code: 2, label: '2 Service temporarily unavailable' },
    { code: 4, label: '4 Application request limit reached' },
    { code: 100, label: '100 Invalid parameter' },
    { code: 190, label: '190 Invalid OAuth access token' },
  ],
};

/** Network switches for demos and tests: watch Braid cope with what Meta's delivery really does. */
export function NetworkPanel() {
  const delivery = useDelivery();
  const update = useUpdateDelivery();
  const fail = useFailNextSends();
  const notify = useNotify();
  const [channel, setChannel] = useState<SandboxChannel>('whatsapp');
  const [code, setCode] = useState(ERROR_CODES.whatsapp[0]!.code);
  const [error, setError] = useState<string | null>(null);
  const channelId = useId();
  const codeId = useId();

  const options = delivery.data?.options;
  return (
    <section className="sbx-network" aria-labelledby={`${channelId}-title`}>
      <h2 id={`${channelId}-title`}>Network</h2>
      {delivery.isError && <FormError>{errorMessage(delivery.error)}</FormError>}
      {Object.entries(FAULTS).map(([key, fault]) => (
        <Switch
          key={key}
          label={fault.label}
          description={fault.description}
          checked={options ? fault.isOn(options) : false}
          disabled={!options}
          pending={update.isPending}
          onCheckedChange={(checked) =>
            update.mutate(checked ? fault.on : fault.off, { onError: (failure) => setError(errorMessage(failure)) })
          }
        />
      ))}
      {delivery.data && delivery.data.pending > 0 && <p className="sbx-muted">{delivery.data.pending} webhook events waiting to be delivered.</p>}

      <fieldset className="sbx-failures">
        <legend>Failed sends</legend>
        <div className="field">
          <label className="field-label" htmlFor={channelId}>
            Channel
          </label>
          <select
            id={channelId}
            className="field-input"
            value={channel}
            onChange={(event) => {
              const next = event.target.value as SandboxChannel;
              setChannel(next);
              setCode(ERROR_CODES[next][0]!.code);
            }}
          >
            <option value="whatsapp">WhatsApp</option>
            <option value="instagram">Instagram</option>
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={codeId}>
            Meta error code
          </label>
          <select id={codeId} className="field-input" value={code} onChange={(event) => setCode(Number(event.target.value))}>
            {ERROR_CODES[channel].map((option) => (
              <option key={option.code} value={option.code}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <Button
          variant="secondary"
          pending={fail.isPending}
          onClick={() =>
            fail.mutate(
              { channel, code, count: 1 },
              {
                onSuccess: () => notify({ message: `The business's next ${channel === 'whatsapp' ? 'WhatsApp' : 'Instagram'} send will fail with error ${code}.` }),
                onError: (failure) => setError(errorMessage(failure)),
              },
            )
          }
        >
          Fail next send
        </Button>
      </fieldset>
      <FormError>{error}</FormError>
    </section>
  );
}
