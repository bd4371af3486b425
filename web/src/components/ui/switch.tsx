import * as SwitchPrimitive from '@radix-ui/react-switch';
import { useId, type ReactNode } from 'react';
import { cx } from './cx';

export interface SwitchProps {
  /** The accessible name (a real <label>). */
  label: ReactNode;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  description?: ReactNode;
  disabled?: boolean;
  /** Shows that a change is being saved; the switch keeps its place and focus. */
  pending?: boolean;
  className?: string;
}

/** An on/off setting (`role="switch"`), named by its label. */
export function Switch({ label, checked, onCheckedChange, description, disabled, pending, className }: SwitchProps) {
  const id = useId();
  const descriptionId = description ? `${id}-description` : undefined;
  return (
    <div className={cx('switch-field', className)}>
      <div className="switch-text">
        <label className="switch-label" htmlFor={id}>
          {label}
        </label>
        {description && (
          <p className="switch-description" id={descriptionId}>
            {description}
          </p>
        )}
      </div>
      <SwitchPrimitive.Root
        id={id}
        className="switch"
        checked={checked}
        onCheckedChange={onCheckedChange}
        disabled={disabled}
        aria-describedby={descriptionId}
        aria-busy={pending || undefined}
      >
        <SwitchPrimitive.Thumb className="switch-thumb" />
      </SwitchPrimitive.Root>
    </div>
  );
}
