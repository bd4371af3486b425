import { TextAreaField } from '../../../components/ui/text-area-field';
import { TextField } from '../../../components/ui/text-field';
import type { Step } from '../api/automation-schema';
import { linesToPairs, pairsToLines, targetToText, textToTarget } from '../lib/steps';
import { LinesField } from './lines-field';

type Pair = { title: string; value: string };
const str = (value: unknown) => (typeof value === 'string' ? value : '');

function casesToLines(cases: unknown): string {
  if (!Array.isArray(cases)) return '';
  return cases
    .map((c: { match?: { payload?: string; keyword?: string }; goTo?: unknown }) =>
      c.match?.payload !== undefined ? `payload ${c.match.payload} -> ${targetToText(c.goTo)}` : `keyword ${c.match?.keyword ?? ''} -> ${targetToText(c.goTo)}`,
    )
    .join('\n');
}

function linesToCases(text: string) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [left = '', right = ''] = line.split('->');
      const [kind = '', ...rest] = left.trim().split(/\s+/);
      const value = rest.join(' ');
      return { match: kind.toLowerCase() === 'keyword' ? { keyword: value } : { payload: value }, goTo: textToTarget(right) };
    });
}

/** The fields of one step, by its type. Step numbers are shown from 1, as people count. */
export function StepFields({ step, onChange }: { step: Step; onChange: (step: Step) => void }) {
  const set = (changes: Record<string, unknown>) => onChange({ ...step, ...changes });
  switch (step.type) {
    case 'send_text':
      return <TextAreaField rows={2} label="Text" value={str(step.text)} onChange={(event) => set({ text: event.target.value })} />;
    case 'send_quick_replies':
      return (
        <>
          <TextAreaField rows={2} label="Text" value={str(step.text)} onChange={(event) => set({ text: event.target.value })} />
          <LinesField
            label="Quick replies"
            hint="One per line: Title | PAYLOAD (titles up to 20 characters)."
            initial={pairsToLines(((step.replies as { title: string; payload: string }[]) ?? []).map((r) => ({ title: r.title, value: r.payload })))}
            onChange={(text) => set({ replies: linesToPairs(text).map((pair: Pair) => ({ title: pair.title, payload: pair.value })) })}
          />
        </>
      );
    case 'send_button_message':
      return (
        <>
          <TextAreaField rows={2} label="Text" value={str(step.text)} onChange={(event) => set({ text: event.target.value })} />
          <LinesField
            label="Buttons"
            hint="One per line: Title | https://link, or Title | PAYLOAD for a postback (1 to 3 buttons)."
            initial={pairsToLines(((step.buttons as { title: string; url?: string; payload?: string }[]) ?? []).map((b) => ({ title: b.title, value: b.url ?? b.payload ?? '' })))}
            onChange={(text) =>
              set({
                buttons: linesToPairs(text).map((pair: Pair) =>
                  /^https?:\/\//.test(pair.value) ? { type: 'web_url', title: pair.title, url: pair.value } : { type: 'postback', title: pair.title, payload: pair.value },
                ),
              })
            }
          />
        </>
      );
    case 'wait': {
      const untilReply = step.untilReply === true;
      return (
        <>
          <label className="checkbox-field">
            <input
              type="checkbox"
              checked={untilReply}
              onChange={(event) =>
                onChange(event.target.checked ? { type: 'wait', untilReply: true, timeoutSeconds: 3600, onTimeout: 'stop' } : { type: 'wait', seconds: 60 })
              }
            />
            Until the customer replies
          </label>
          {untilReply ? (
            <>
              <TextField label="Give up after (seconds)" type="number" min={1} value={String(step.timeoutSeconds ?? '')} onChange={(event) => set({ timeoutSeconds: Number(event.target.value) })} />
              <TextField label="Then go to step" hint="A step number, or stop." value={targetToText(step.onTimeout)} onChange={(event) => set({ onTimeout: textToTarget(event.target.value) })} />
            </>
          ) : (
            <TextField label="Seconds" type="number" min={1} value={String(step.seconds ?? '')} onChange={(event) => set({ seconds: Number(event.target.value) })} />
          )}
        </>
      );
    }
    case 'branch':
      return (
        <>
          <LinesField
            label="Cases"
            hint="One per line: payload TALK_TO_AGENT -> 7, or keyword whatsapp -> 5 (step numbers from 1, or stop)."
            initial={casesToLines(step.cases)}
            onChange={(text) => set({ cases: linesToCases(text) })}
          />
          <TextField label="Otherwise go to step" hint="A step number, or stop." value={targetToText(step.otherwise)} onChange={(event) => set({ otherwise: textToTarget(event.target.value) })} />
        </>
      );
    case 'assign':
      return <TextField label="Assign to" hint="round_robin, or an agent’s id." value={str(step.to)} onChange={(event) => set({ to: event.target.value })} />;
    case 'add_tag':
      return <TextField label="Tag" value={str(step.tag)} onChange={(event) => set({ tag: event.target.value })} />;
    case 'send_whatsapp_invite':
      return <p className="muted">Sends the Connect button (the invite text and sentence are set under Settings → Workspace).</p>;
    case 'stop':
      return <p className="muted">Ends the sequence here.</p>;
    default:
      return <p className="muted">This step type ({step.type}) has no editor here; it is kept as it is.</p>;
  }
}
