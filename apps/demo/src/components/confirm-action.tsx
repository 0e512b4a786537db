import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ErrorAlert, Spinner } from './feedback.js';

interface ConfirmActionProps {
  /** Content of the first (danger) button, e.g. "Revoke". */
  label: ReactNode;
  /** Accessible name of the first button when `label` alone is ambiguous in a table. */
  ariaLabel?: string;
  /** Content of the button that really acts, e.g. "Revoke access". */
  confirmLabel: ReactNode;
  /** Accessible name of the confirm group. */
  groupLabel: string;
  /** Shown next to the first button while nothing is being confirmed (e.g. an Edit link). */
  before?: ReactNode;
  /** The destructive call; a rejection is shown under the buttons and the row goes back to idle. */
  onConfirm: () => Promise<void>;
}

/**
 * A destructive row action that asks once more before it acts, and shows its own progress and error.
 * Focus follows the buttons that replace each other (to "confirm" when asked, back to the first button on
 * Cancel, Escape or an error), so a keyboard user is never dropped at the top of the page.
 */
export function ConfirmAction({
  label,
  ariaLabel,
  confirmLabel,
  groupLabel,
  before,
  onConfirm,
}: ConfirmActionProps) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'pending'>('idle');
  const [error, setError] = useState<unknown>(null);
  const first = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<'first' | 'confirm' | null>(null);

  useEffect(() => {
    if (focusNext.current === 'confirm' && step === 'confirm') confirmButton.current?.focus();
    if (focusNext.current === 'first' && step === 'idle') first.current?.focus();
    focusNext.current = null;
  }, [step]);

  function ask() {
    focusNext.current = 'confirm';
    setStep('confirm');
  }

  function cancel() {
    focusNext.current = 'first';
    setStep('idle');
  }

  async function confirm() {
    setStep('pending');
    setError(null);
    try {
      await onConfirm();
    } catch (caught) {
      setError(caught);
      focusNext.current = 'first';
      setStep('idle');
    }
  }

  return (
    <>
      {step === 'idle' ? (
        <>
          {before}
          <button
            type="button"
            className="button button--small button--danger"
            onClick={ask}
            aria-label={ariaLabel}
            ref={first}
          >
            {label}
          </button>
        </>
      ) : (
        <span
          role="group"
          aria-label={groupLabel}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && step === 'confirm') cancel();
          }}
        >
          <button
            type="button"
            className="button button--small button--danger"
            ref={confirmButton}
            onClick={confirm}
            disabled={step === 'pending'}
          >
            {step === 'pending' ? <Spinner /> : null}
            {confirmLabel}
          </button>{' '}
          <button
            type="button"
            className="button button--small"
            onClick={cancel}
            disabled={step === 'pending'}
          >
            Cancel
          </button>
        </span>
      )}
      {error ? <ErrorAlert error={error} /> : null}
    </>
  );
}
