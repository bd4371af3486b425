import { Link } from 'react-router-dom';
import { Page } from '../components/layout/page';

/** Any path inside the app that matches no page. */
export function NotFoundPage() {
  return (
    <Page title="Page not found" description="This address does not match any page in Braid.">
      <p>
        <Link to="/chat">Open the inbox</Link>
      </p>
    </Page>
  );
}
