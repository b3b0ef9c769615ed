import { FormEvent, useState } from 'react';

/** A form's sending state: the form is disabled while `save` runs, and what it throws is kept to show beside the fields it names. */
export function useSubmit<Args extends unknown[]>(save: (...args: Args) => Promise<void>): { submit: (event: FormEvent, ...args: Args) => Promise<void>; saving: boolean; error: Error | null } {
  const [error, setError] = useState<Error | null>(null);
  const [saving, setSaving] = useState(false);
  async function submit(event: FormEvent, ...args: Args): Promise<void> {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await save(...args);
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      setSaving(false);
    }
  }
  return { submit, saving, error };
}
