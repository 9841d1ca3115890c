// One confirmation dialog for every destructive action (disable a user, withdraw consent,
// throw away a draft, ...): a native <dialog> opened with showModal, so focus stays inside
// and Escape cancels. Focus starts on "Nee, terug" (the safe answer) and goes back to the
// button that opened the dialog when it closes. The title and text say exactly what will
// happen; the confirm button names the action ("Ja, uitschakelen").
import { Button, ButtonGroup, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';

export interface ConfirmProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** The action runs while the dialog stays open (then an error can be shown in it). */
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The dialog itself, shown while it is rendered. */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, busy = false, error, onConfirm, onCancel }: ConfirmProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();
  useEffect(() => {
    const dialog = ref.current;
    // Whatever had focus (the button that asked) gets it back when the dialog goes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      dialog?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="k-dialog k-confirm"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(e) => {
        // Escape: we close it ourselves (by no longer rendering it), unless the action runs.
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <Heading2 id={titleId}>{title}</Heading2>
      <div id={textId}>{typeof children === 'string' ? <Paragraph>{children}</Paragraph> : children}</div>
      {error && (
        <Paragraph className="k-dialog__error k-confirm__error" role="alert">
          {error}
        </Paragraph>
      )}
      <ButtonGroup>
        <Button type="button" appearance="primary-action-button" hint="danger" busy={busy} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button ref={cancelRef} type="button" appearance="secondary-action-button" disabled={busy} onClick={onCancel}>
          {cancelLabel ?? t('confirm.cancel')}
        </Button>
      </ButtonGroup>
    </dialog>
  );
}

export interface ConfirmRequest {
  title: string;
  text: ReactNode;
  confirmLabel: string;
}

/**
 * `const { confirm, dialog } = useConfirm()`: render `dialog` somewhere in the component and
 * `if (await confirm({ title, text, confirmLabel })) doIt()` in the handler.
 */
export function useConfirm(): { confirm: (request: ConfirmRequest) => Promise<boolean>; dialog: ReactNode } {
  const [pending, setPending] = useState<(ConfirmRequest & { resolve: (ok: boolean) => void }) | null>(null);
  const confirm = useCallback(
    (request: ConfirmRequest) =>
      new Promise<boolean>((resolve) => {
        setPending({ ...request, resolve });
      }),
    [],
  );
  const settle = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
  };
  const dialog = pending ? (
    <ConfirmDialog title={pending.title} confirmLabel={pending.confirmLabel} onConfirm={() => settle(true)} onCancel={() => settle(false)}>
      {pending.text}
    </ConfirmDialog>
  ) : null;
  return { confirm, dialog };
}
