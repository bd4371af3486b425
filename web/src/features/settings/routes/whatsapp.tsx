import { Page } from '../../../components/layout/page';
import { Callout } from '../../../components/ui/alert';

/** `/settings/whatsapp`: the WhatsApp channel's settings. */
export function WhatsAppSettingsPage() {
  return (
    <Page
      title="WhatsApp"
      description="How Braid receives and answers WhatsApp messages."
    >
      <Callout>The business number, its webhook address and a connection test will show here.</Callout>
    </Page>
  );
}
