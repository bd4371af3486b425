import { Link } from 'react-router-dom';
import { cx } from '../../../components/ui/cx';
import type { SandboxCustomer } from '../api/types';

/** The simulated customers, newest last as created; the selected one is marked as current. */
export function CustomerList({ customers, selectedId }: { customers: SandboxCustomer[]; selectedId: string | undefined }) {
  if (customers.length === 0) {
    return <p className="sbx-muted">No customers yet. Create one to play the customer’s side.</p>;
  }
  return (
    <nav aria-label="Simulated customers">
      <ul className="sbx-customer-list">
        {customers.map((customer) => {
          const current = customer.id === selectedId;
          return (
            <li key={customer.id}>
              <Link
                to={`/sandbox?customer=${encodeURIComponent(customer.id)}`}
                className={cx('sbx-customer', current && 'is-current')}
                aria-current={current ? 'page' : undefined}
              >
                <span className="sbx-customer-name">{customer.name}</span>
                <span className="sbx-customer-detail">
                  @{customer.igUsername} · {customer.phone ?? 'phone hidden'}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
