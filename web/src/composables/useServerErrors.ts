// Puts the server's 400 answers on the form field they name (`error.field`), in the current language.
import { reactive } from 'vue';
import { ApiError } from '@/api/http';
import { errorText } from '@/i18n';
import { notifyError } from './feedback';

export function useServerErrors<F extends string>(fields: readonly F[]) {
  // Keep the error itself, not its text, so that switching language re-localises the message.
  const errors = reactive<Record<string, ApiError | null>>({});

  function clear(): void {
    for (const key of Object.keys(errors)) errors[key] = null;
  }

  /** Text to pass to `<el-form-item :error>`; empty when the field has no server error. */
  function of(field: F): string {
    const err = errors[field];
    return err ? errorText(err) : '';
  }

  /** Shows an error from a save: on its field when the server named one of ours, and always as a message. */
  function show(err: unknown): void {
    clear();
    if (err instanceof ApiError && err.field) {
      const name = (fields as readonly string[]).includes(err.field)
        ? err.field
        : fields.find((f) => f === `${err.field}_id` || `${f}_id` === err.field);
      if (name) errors[name] = err;
    }
    notifyError(err);
  }

  return { errors, clear, of, show };
}
