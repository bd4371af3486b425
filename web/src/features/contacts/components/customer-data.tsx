import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog } from '../../../components/ui/dialog';
import { useNotify } from '../../../components/ui/notifications';
import { TextField } from '../../../components/ui/text-field';
import { errorMessage } from '../../../lib/api';
import { useEraseContact } from '../api/erase-contact';
import { exportContact } from '../api/export-contact';

const normal = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();

/** The admin's actions on everything Braid keeps about the customer: download it, or delete it for good. */
export function CustomerData({ contactId, name }: { contactId: string; name: string }) {
  const download = useMutation({ mutationFn: exportContact });
  const notify = useNotify();
  const navigate = useNavigate();
  const erase = useEraseContact({
    onErased: () => {
      notify({ tone: 'success', message: `${name}'s data was deleted.` });
      void navigate('/contacts', { replace: true });
    },
  });
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const matches = normal(typed) !== '' && normal(typed) === normal(name);

  const change = (next: boolean) => {
    if (erase.isPending) return;
    setOpen(next);
    if (!next) {
      setTyped('');
      erase.reset();
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!matches) return;
    erase.mutate({ contactId, confirmName: typed });
  };

  return (
    <>
      <p className="muted">Everything Braid keeps about this customer, across every linked channel.</p>
      <div className="panel-actions">
        <Button variant="secondary" pending={download.isPending} onClick={() => download.mutate(contactId)}>
          Download data
        </Button>
        <Button variant="danger" onClick={() => change(true)}>
          Delete customer data
        </Button>
      </div>
      {download.isError && <FormError>{errorMessage(download.error)}</FormError>}
      <Dialog
        open={open}
        onOpenChange={change}
        role="alertdialog"
        dismissible={false}
        title="Delete this customer's data?"
        description={`This deletes ${name}'s messages, channels, conversations, invites, notes and tags on Instagram and WhatsApp, for good. The audit trail keeps only that the data was deleted, by you, now. Merges with this customer can no longer be undone.`}
      >
        <form onSubmit={submit}>
          <TextField label="Type the customer's name to confirm" hint={`Type ${name}`} value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" />
          {erase.isError && <FormError>{errorMessage(erase.error)}</FormError>}
          <div className="dialog-footer">
            <Button variant="secondary" disabled={erase.isPending} onClick={() => change(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={!matches} pending={erase.isPending}>
              Delete
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
