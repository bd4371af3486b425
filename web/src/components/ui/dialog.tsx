import * as DialogPrimitive from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import { useState, type ReactElement, type ReactNode } from 'react';
import { errorMessage } from '../../lib/api';
import { FormError } from './alert';
import { Button } from './button';
import { cx } from './cx';

export interface DialogProps {
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** The dialog's accessible name, shown as its heading. */
  title: string;
  description?: ReactNode;
  /** An element (usually a Button) that opens the dialog. */
  trigger?: ReactElement;
  children?: ReactNode;
  /** A row of actions under the body. */
  footer?: ReactNode;
  size?: 'small' | 'medium';
  /** Shows a close (X) button in the corner; Escape always closes. */
  dismissible?: boolean;
  /** `alertdialog` for a question about a destructive action that needs an answer before anything else. */
  role?: 'dialog' | 'alertdialog';
}

/** A modal dialog (`role="dialog"`, named by its title) that traps focus and returns it on close. */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  trigger,
  children,
  footer,
  size = 'small',
  dismissible = true,
  role = 'dialog',
}: DialogProps) {
  return (
    <DialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <DialogPrimitive.Trigger asChild>{trigger}</DialogPrimitive.Trigger>}
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="dialog-overlay" />
        <DialogPrimitive.Content
          className={cx('dialog', `dialog-${size}`)}
          role={role}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <DialogPrimitive.Title className="dialog-title">{title}</DialogPrimitive.Title>
          {description && <DialogPrimitive.Description className="dialog-description">{description}</DialogPrimitive.Description>}
          {children && <div className="dialog-body">{children}</div>}
          {footer && <div className="dialog-footer">{footer}</div>}
          {dismissible && (
            <DialogPrimitive.Close asChild>
              <button type="button" className="icon-btn icon-btn-ghost dialog-close" aria-label="Close" title="Close">
                <X aria-hidden="true" size={18} />
              </button>
            </DialogPrimitive.Close>
          )}
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  /** Runs on OK. The dialog stays open (showing progress) until it settles, closes when it succeeds and shows the error when it fails. */
  onConfirm: () => unknown | Promise<unknown>;
  confirmLabel?: string;
  cancelLabel?: string;
  tone?: 'default' | 'danger';
}

/** Asks before an action: **OK** runs it, **Cancel** (or Escape) leaves everything as it was. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  onConfirm,
  confirmLabel = 'OK',
  cancelLabel = 'Cancel',
  tone = 'default',
}: ConfirmDialogProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const change = (next: boolean) => {
    if (pending) return;
    if (!next) setError(null);
    onOpenChange(next);
  };

  const confirm = async () => {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      setPending(false);
      onOpenChange(false);
    } catch (failure) {
      setPending(false);
      setError(errorMessage(failure));
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      title={title}
      description={description}
      dismissible={false}
      footer={
        <>
          <DialogPrimitive.Close asChild>
            <Button variant="secondary" disabled={pending}>
              {cancelLabel}
            </Button>
          </DialogPrimitive.Close>
          <Button variant={tone === 'danger' ? 'danger' : 'primary'} pending={pending} onClick={confirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {error && <FormError>{error}</FormError>}
    </Dialog>
  );
}
