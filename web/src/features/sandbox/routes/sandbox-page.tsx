import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { FormError } from '../../../components/ui/alert';
import { errorMessage } from '../../../lib/api';
import { usePageTitle } from '../../../lib/use-page-title';
import { useBusiness } from '../api/get-business';
import { useCustomers } from '../api/list-customers';
import { AdvanceTimePanel } from '../components/advance-time-panel';
import { CustomerList } from '../components/customer-list';
import { CustomerPhones } from '../components/customer-phones';
import { NetworkPanel } from '../components/network-panel';
import { NewCustomerDialog } from '../components/new-customer-dialog';
import '../sandbox.css';

/**
 * `/sandbox`: the customer's side of the demo, public like a customer's phone (no agent sign-in).
 * It talks only to the simulated Meta platform; Braid learns what happens here from webhooks.
 */
export function SandboxPage() {
  usePageTitle('Customer simulator');
  const [params, setParams] = useSearchParams();
  const customers = useCustomers();
  const business = useBusiness();
  const requested = params.get('customer') ?? undefined;
  const selectedId = requested ?? customers.data?.at(-1)?.id;

  // Open the newest customer when none is named, so the page is never an empty frame.
  useEffect(() => {
    if (!requested && selectedId) setParams({ customer: selectedId }, { replace: true });
  }, [requested, selectedId, setParams]);

  return (
    <div className="sbx-page">
      <a className="skip-link" href="#sbx-phones">
        Skip to the phones
      </a>
      <aside className="sbx-sidebar">
        <header className="sbx-intro">
          <h1>Customer simulator</h1>
          <p className="sbx-muted">
            Play the customer on Instagram and WhatsApp. Braid receives what you send as Meta webhooks;{' '}
            <a href="/chat" target="_blank" rel="noreferrer">
              open the inbox
            </a>{' '}
            in another window to answer.
          </p>
        </header>
        <NewCustomerDialog onCreated={(customer) => setParams({ customer: customer.id })} />
        {customers.isError && <FormError>{errorMessage(customers.error)}</FormError>}
        {customers.data && <CustomerList customers={customers.data} selectedId={selectedId} />}
        <AdvanceTimePanel />
        <NetworkPanel />
      </aside>
      <main id="sbx-phones" className="sbx-main" tabIndex={-1}>
        {business.isError && <FormError>{errorMessage(business.error)}</FormError>}
        {selectedId && business.data ? (
          <CustomerPhones key={selectedId} customerId={selectedId} business={business.data} />
        ) : (
          customers.data?.length === 0 && <p className="sbx-muted sbx-placeholder">Create a customer to see their phones here.</p>
        )}
      </main>
    </div>
  );
}
