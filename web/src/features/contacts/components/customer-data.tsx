import { useMutation } from '@tanstack/react-query';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { errorMessage } from '../../../lib/api';
import { exportContact } from '../api/export-contact';

/** The admin's actions on everything Braid keeps about the customer. */
export function CustomerData({ contactId }: { contactId: string }) {
  const download = useMutation({ mutationFn: exportContact });
  return (
    <>
      <p className="muted">Everything Braid keeps about this customer, across every linked channel.</p>
      <div className="panel-actions">
        <Button variant="secondary" pending={download.isPending} onClick={() => download.mutate(contactId)}>
          Download data
        </Button>
      </div>
      {download.isError && <FormError>{errorMessage(download.error)}</FormError>}
    </>
  );
}
