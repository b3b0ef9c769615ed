import { ReactNode, useState } from 'react';
import { useHost } from '../host';

/**
 * The pieces every admin screen is built from (they are lists with a form): the screen frame, a
 * table that turns into cards when narrow, a secret shown once with a copy button, a two-step
 * destructive button, and a runner for one-click actions that reports through the host.
 */

export function AdminScreen({ id, title, intro, actions, children }: { id: string; title: string; intro?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="tf-screen" aria-labelledby={`tf-${id}-title`}>
      <header className="tf-screen-header">
        <h2 id={`tf-${id}-title`}>{title}</h2>
        {actions && <div className="tf-header-actions">{actions}</div>}
      </header>
      {intro && <p className="tf-muted tf-intro">{intro}</p>}
      {children}
    </section>
  );
}

/** A secret the server keeps only hashed or sealed: shown this once, with a copy button. */
export function SecretOnce({ title, secret, onDone }: { title: string; secret: string; onDone: () => void }) {
  const { copyText, notify } = useHost();
  return (
    <div className="tf-panel tf-form tf-secret" role="region" aria-label={title}>
      <h3>{title}</h3>
      <p>Copy it now: TrackFlow shows it this once and keeps only what it needs to check it.</p>
      <div className="tf-copy-row">
        <input className="tf-input tf-short-url" readOnly value={secret} aria-label={`${title}: secret`} onFocus={(event) => event.target.select()} />
        <button
          type="button"
          className="tf-button tf-primary"
          onClick={() =>
            copyText(secret).then(
              () => notify('Secret copied', 'success'),
              () => notify('Copying was refused by the browser: select the secret and copy it by hand', 'error'),
            )
          }
        >
          Copy secret
        </button>
      </div>
      <div className="tf-form-actions">
        <button type="button" className="tf-button" onClick={onDone}>
          I have stored it
        </button>
      </div>
    </div>
  );
}

/** A destructive action asks once more, naming what it acts on; focus lands on the safe choice. */
export function ConfirmButton({ label, subject, confirmLabel, onConfirm }: { label: string; subject: string; confirmLabel: string; onConfirm: () => Promise<void> }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking)
    return (
      <button type="button" className="tf-button" onClick={() => setAsking(true)} aria-label={`${label} ${subject}`}>
        {label}
      </button>
    );
  return (
    <>
      <button
        type="button"
        className="tf-button tf-danger"
        disabled={busy}
        aria-label={`Confirm: ${confirmLabel} ${subject}`}
        onClick={() => {
          setBusy(true);
          void onConfirm().finally(() => {
            setBusy(false);
            setAsking(false);
          });
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="tf-button" onClick={() => setAsking(false)} aria-label={`Keep ${subject}`} autoFocus>
        Keep
      </button>
    </>
  );
}

/** Runs a one-click action: success and refusal both reach the user through the host's notices. */
export function useAction(): (work: () => Promise<string>) => Promise<void> {
  const { notify } = useHost();
  return async (work) => {
    try {
      notify(await work(), 'success');
    } catch (error) {
      notify((error as Error).message, 'error');
    }
  };
}
