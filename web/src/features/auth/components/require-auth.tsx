import { Navigate, useLocation } from 'react-router-dom';
import { AppShell } from '../../../components/layout/app-shell';
import { Button } from '../../../components/ui/button';
import { FormError } from '../../../components/ui/alert';
import { errorMessage } from '../../../lib/api';
import { useMe } from '../../../lib/session/get-me';
import { getSignInNotice } from '../../../lib/session/sign-in-notice';
import '../auth.css';

/** Everything behind sign-in: shows the shell for a signed-in person, sends anyone else to the sign-in page. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) {
    return (
      <div className="center-screen" aria-busy="true">
        <p className="muted">Loading Braid…</p>
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="center-screen">
        <div className="card card-narrow">
          <h1>Braid is not answering</h1>
          <FormError>{errorMessage(me.error)}</FormError>
          <Button onClick={() => me.refetch()} pending={me.isFetching}>
            Try again
          </Button>
        </div>
      </div>
    );
  }
  if (!me.data) {
    // After an expiry (or a deep link), signing in returns here; after signing out it does not.
    const returnHere = getSignInNotice()?.returnToPage !== false;
    return <Navigate to="/" replace state={returnHere ? { from: location.pathname + location.search } : undefined} />;
  }
  return <AppShell me={me.data} />;
}
