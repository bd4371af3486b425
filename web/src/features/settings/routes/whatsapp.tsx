import { Page } from '../../../components/layout/page';
import { FallbackTemplateForm } from '../../templates';
import { ChannelConnection } from '../components/channel-connection';
import '../settings.css';

/** `/settings/whatsapp`: the WhatsApp channel's settings. */
export function WhatsAppSettingsPage() {
  return (
    <Page title="WhatsApp" description="How Braid receives and answers WhatsApp messages.">
      <section className="section" aria-labelledby="whatsapp-connection-heading">
        <h2 id="whatsapp-connection-heading">Connection</h2>
        <ChannelConnection kind="whatsapp" />
      </section>
      <section className="section" aria-labelledby="whatsapp-templates-heading">
        <h2 id="whatsapp-templates-heading">Message templates</h2>
        <FallbackTemplateForm />
      </section>
    </Page>
  );
}
