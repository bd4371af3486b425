import { Paperclip, Send } from 'lucide-react';
import { useEffect, useId, useState, type ChangeEvent, type FormEvent, type KeyboardEvent } from 'react';
import { FormError } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { RadioGroup } from '../../../components/ui/radio-group';
import { errorMessage } from '../../../lib/api';
import type { ChannelKind } from '../../../lib/channel-kind';
import { CHANNEL_NAME, fullTime } from '../../../lib/format';
import type { ConversationDetail } from '../api/get-conversation';
import { useSendAttachment } from '../api/send-attachment';
import { useSendMessage } from '../api/send-message';
import { ATTACHMENT_ACCEPT, attachmentProblem, fileToBase64 } from '../lib/attachment-rules';
import { SendTemplateDialog } from '../../templates';
import { ReplyWindowNotice } from './reply-window-notice';

/**
 * Textbox **Message**, button **Send**, for a contact on both channels the **Reply via**
 * choice, and on WhatsApp **Send template** (the only way back in once the 24 hours are over). A closed reply window is said before the agent writes, not after a failed send.
 */
export function Composer({ detail }: { detail: ConversationDetail }) {
  const { conversation, replyChannels } = detail;
  const [chosenChannel, setChannel] = useState<ChannelKind>(conversation.channel);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = useSendMessage();
  const attach = useSendAttachment();
  const hintId = useId();

  // Another conversation opened in the same composer: start again on its own channel.
  useEffect(() => {
    setChannel(conversation.channel);
    setText('');
    setError(null);
  }, [conversation.id, conversation.channel]);

  const channels = (['instagram', 'whatsapp'] as const).filter((kind) => replyChannels.some((option) => option.channel === kind));
  // A channel chosen before an undo may be gone from the contact: reply where the conversation is.
  const channel = channels.includes(chosenChannel) ? chosenChannel : conversation.channel;
  const chosen = replyChannels.find((option) => option.channel === channel) ?? replyChannels.find((option) => option.conversationId === conversation.id);
  const replyWindow = chosen?.replyWindow ?? conversation.replyWindow;
  const canReply = replyWindow.open || replyWindow.humanAgentUntil !== undefined;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const message = text.trim();
    if (!message || send.isPending || !canReply) return;
    setError(null);
    send.mutate(
      { conversationId: conversation.id, text: message, channel: channel === conversation.channel ? undefined : channel },
      {
        onSuccess: () => setText(''),
        onError: (failure) => setError(`Not sent: ${errorMessage(failure)}`),
      },
    );
  };

  // A chosen file is sent at once, like a photo picked in the messaging apps; a wrong one never uploads.
  const onFileChosen = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file || attach.isPending || !canReply) return;
    const problem = attachmentProblem(channel, file);
    if (problem) {
      setError(`Not sent: ${problem}`);
      return;
    }
    setError(null);
    let contentBase64: string;
    try {
      contentBase64 = await fileToBase64(file);
    } catch (failure) {
      setError(`Not sent: ${errorMessage(failure)}`);
      return;
    }
    attach.mutate(
      { conversationId: conversation.id, filename: file.name, contentType: file.type, contentBase64, channel: channel === conversation.channel ? undefined : channel },
      { onError: (failure) => setError(`Not sent: ${errorMessage(failure)}`) },
    );
  };

  // Enter sends, Shift+Enter starts a new line, as in the messaging apps agents know.
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };

  return (
    <form className="composer" onSubmit={submit} aria-label="Reply">
      {channels.length > 1 && (
        <RadioGroup
          label="Reply via"
          value={channel}
          onValueChange={setChannel}
          options={channels.map((kind) => ({ value: kind, label: CHANNEL_NAME[kind] }))}
          className="composer-channels"
        />
      )}
      {!replyWindow.open && <ReplyWindowNotice channel={channel} window={replyWindow} />}
      <FormError>{error}</FormError>
      <div className="composer-row">
        <label className="visually-hidden" htmlFor={`${hintId}-message`}>
          Message
        </label>
        <textarea
          id={`${hintId}-message`}
          className="field-input composer-input"
          rows={2}
          value={text}
          placeholder={canReply ? `Write on ${CHANNEL_NAME[channel]}…` : `${CHANNEL_NAME[channel]} is closed for replies`}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={`${hintId}-hint`}
        />
        <input
          id={`${hintId}-file`}
          type="file"
          className="visually-hidden composer-file"
          accept={ATTACHMENT_ACCEPT}
          aria-label="Attach file"
          disabled={!canReply || attach.isPending}
          onChange={(event) => void onFileChosen(event)}
        />
        {/* The input is the control (named Attach file); this label is how it is seen and clicked. */}
        <label htmlFor={`${hintId}-file`} className="btn btn-secondary composer-attach" title="Attach file" aria-hidden="true" aria-busy={attach.isPending || undefined}>
          {attach.isPending ? <span className="btn-spinner" aria-hidden="true" /> : <Paperclip aria-hidden="true" size={16} />}
        </label>
        <Button type="submit" pending={send.isPending} disabled={!canReply || !text.trim()}>
          <Send aria-hidden="true" size={16} /> Send
        </Button>
      </div>
      {channel === 'whatsapp' && (
        <div className="composer-extra">
          <SendTemplateDialog
            conversationId={conversation.id}
            channel={channel === conversation.channel ? undefined : 'whatsapp'}
            windowOpen={replyWindow.open}
          />
        </div>
      )}
      <p className="visually-hidden" id={`${hintId}-hint`}>
        {replyWindow.open && replyWindow.closesAt ? `Replies on ${CHANNEL_NAME[channel]} are open until ${fullTime(replyWindow.closesAt)}. ` : ''}Enter sends; Shift and Enter starts a new line.
      </p>
    </form>
  );
}
