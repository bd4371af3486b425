import type { ComponentProps, ComponentType } from 'react';
import { cx } from './cx';

export interface IconButtonProps extends Omit<ComponentProps<'button'>, 'children' | 'aria-label'> {
  /** The accessible name, also shown as a tooltip. An icon alone names nothing. */
  label: string;
  /** A lucide icon or a channel glyph: anything drawn at a size, hidden from assistive technology. */
  icon: ComponentType<{ size?: number; strokeWidth?: number; 'aria-hidden'?: boolean | 'true'; focusable?: boolean | 'false' }>;
  variant?: 'ghost' | 'secondary';
}

export function IconButton({ label, icon: Icon, variant = 'ghost', className, type = 'button', ...rest }: IconButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      aria-label={label}
      title={rest.title ?? label}
      className={cx('icon-btn', `icon-btn-${variant}`, className)}
    >
      <Icon aria-hidden="true" focusable="false" size={20} strokeWidth={1.8} />
    </button>
  );
}
