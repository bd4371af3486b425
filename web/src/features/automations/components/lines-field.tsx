import { useId, useState } from 'react';

/**
 * A textarea edited as lines (one quick reply, button or case per line). What is typed is
 * kept as typed; each change is also parsed and handed up, so the draft always holds data.
 */
export function LinesField({ label, hint, initial, onChange }: { label: string; hint: string; initial: string; onChange: (text: string) => void }) {
  const id = useId();
  const [text, setText] = useState(initial);
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className="field-input"
        rows={Math.max(2, text.split('\n').length)}
        value={text}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          setText(event.target.value);
          onChange(event.target.value);
        }}
      />
      <p className="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
    </div>
  );
}
