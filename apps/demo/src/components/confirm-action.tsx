import { useState, type ReactNode } from 'react';
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

/** A destructive row action that asks once more before it acts, and shows its own progress and error. */
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

  async function confirm() {
    setStep('pending');
    setError(null);
    try {
      await onConfirm();
    } catch (caught) {
      setError(caught);
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
            onClick={() => setStep('confirm')}
            aria-label={ariaLabel}
          >
            {label}
          </button>
        </>
      ) : (
        <span role="group" aria-label={groupLabel}>
          <button
            type="button"
            className="button button--small button--danger"
            onClick={confirm}
            disabled={step === 'pending'}
          >
            {step === 'pending' ? <Spinner /> : null}
            {confirmLabel}
          </button>{' '}
          <button
            type="button"
            className="button button--small"
            onClick={() => setStep('idle')}
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
