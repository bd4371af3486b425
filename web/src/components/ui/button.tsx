import type { ComponentProps } from 'react';
import { cx } from './cx';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

export interface ButtonProps extends ComponentProps<'button'> {
  variant?: ButtonVariant;
  /** Shows the action is under way; the button stays in the tab order but ignores clicks. */
  pending?: boolean;
  block?: boolean;
}

export function Button({
  variant = 'primary',
  pending = false,
  block = false,
  type = 'button',
  className,
  disabled,
  onClick,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={cx('btn', `btn-${variant}`, block && 'btn-block', className)}
      disabled={disabled}
      aria-busy={pending || undefined}
      aria-disabled={pending || undefined}
      onClick={(event) => {
        if (pending) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
    >
      {pending && <span className="btn-spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}
