import { CircleAlert, Info } from 'lucide-react';
import type { ReactNode } from 'react';
import { cx } from './cx';

/** An error where the action was taken (`role="alert"`, read out as soon as it appears). */
export function FormError({ children, className }: { children: ReactNode; className?: string }) {
  if (!children) return null;
  return (
    <div className={cx('form-error', className)} role="alert">
      <CircleAlert aria-hidden="true" size={18} />
      <div>{children}</div>
    </div>
  );
}

/** A quiet, static message: explains a page's state without interrupting. */
export function Callout({
  title,
  children,
  tone = 'info',
  role,
}: {
  title?: string;
  children: ReactNode;
  tone?: 'info' | 'warning';
  role?: 'alert' | 'note';
}) {
  return (
    <div className={cx('callout', `callout-${tone}`)} role={role}>
      {tone === 'warning' ? <CircleAlert aria-hidden="true" size={20} /> : <Info aria-hidden="true" size={20} />}
      <div>
        {title && <p className="callout-title">{title}</p>}
        <div className="callout-body">{children}</div>
      </div>
    </div>
  );
}
