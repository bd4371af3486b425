import { useState, type FormEvent } from 'react';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { TextField } from '../../../components/ui/text-field';
import { errorMessage } from '../../../lib/api';
import { createCustomerInputSchema, useCreateCustomer } from '../api/create-customer';
import type { SandboxCustomer } from '../api/types';

/**
 * **New customer**: a person with an Instagram account and WhatsApp. Blank fields get realistic
 * values from the platform. Without a visible phone the customer is one of WhatsApp's username
 * users: Braid only ever learns their business-scoped user id.
 */
export function NewCustomerDialog({ onCreated }: { onCreated: (customer: SandboxCustomer) => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [igUsername, setIgUsername] = useState('');
  const [visiblePhone, setVisiblePhone] = useState(true);
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const create = useCreateCustomer();

  const reset = () => {
    setName('');
    setIgUsername('');
    setVisiblePhone(true);
    setPhone('');
    setError(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createCustomerInputSchema.safeParse({ name, igUsername, phone: visiblePhone ? phone || undefined : null });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Check the fields.');
    setError(null);
    create.mutate(parsed.data, {
      onSuccess: (customer) => {
        setOpen(false);
        reset();
        onCreated(customer);
      },
      onError: (failure) => setError(errorMessage(failure)),
    });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
      title="New customer"
      description="Leave a field blank for a realistic made-up value."
      trigger={<Button>New customer</Button>}
    >
      <form className="sbx-form" aria-label="New customer" onSubmit={submit}>
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Ana Souza" autoComplete="off" />
        <TextField label="Instagram handle" value={igUsername} onChange={(e) => setIgUsername(e.target.value)} placeholder="e.g. ana.souza" autoComplete="off" />
        <label className="sbx-checkbox">
          <input type="checkbox" checked={visiblePhone} onChange={(e) => setVisiblePhone(e.target.checked)} />
          Visible phone number on WhatsApp
        </label>
        <p className="sbx-muted">
          {visiblePhone
            ? 'Meta shares the number with the business.'
            : 'A WhatsApp username user: Meta shares only a business-scoped user id, never the number.'}
        </p>
        {visiblePhone && (
          <TextField label="Phone number" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} placeholder="Random if blank, e.g. +351912345678" />
        )}
        <FormError>{error}</FormError>
        <Button type="submit" pending={create.isPending}>
          Create customer
        </Button>
      </form>
    </Dialog>
  );
}
