import { CircleSlash } from 'lucide-react';
import type { SandboxButton } from '../api/types';
import { BROKEN_BUTTON_MESSAGE, buttonAction, type ButtonAction } from '../lib/button-actions';

export interface MessageButtonsProps {
  buttons: SandboxButton[];
  businessPhoneDigits: string;
  onTap: (action: Exclude<ButtonAction, { kind: 'broken' }>, button: SandboxButton) => void;
  disabled?: boolean;
}

/**
 * The buttons under a template card or interactive message. A button the phone cannot open
 * stays visible but inert, with the phone's own words for it, so a bad template is seen at once.
 */
export function MessageButtons({ buttons, businessPhoneDigits, onTap, disabled }: MessageButtonsProps) {
  return (
    <ul className="sbx-card-buttons">
      {buttons.map((button, index) => {
        const action = buttonAction(button, businessPhoneDigits);
        const title = button.title && button.title !== 'undefined' ? button.title : 'Button';
        if (action.kind === 'broken') {
          return (
            <li key={index} className="sbx-card-button-broken">
              <button type="button" className="sbx-card-button" aria-disabled="true" title={action.reason}>
                {title}
              </button>
              <p className="sbx-broken-note">
                <CircleSlash aria-hidden="true" size={14} /> {BROKEN_BUTTON_MESSAGE}
              </p>
            </li>
          );
        }
        return (
          <li key={index}>
            <button type="button" className="sbx-card-button" disabled={disabled} onClick={() => onTap(action, button)}>
              {title}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
