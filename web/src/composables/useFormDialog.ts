// A dialog around one form: open it on fresh values, check the required fields, send, and close on success.
// Every other rule is the server's: its 400 answer lands on the field it names (`error.field`), the dialog
// stays open and nothing is saved.
import { nextTick, reactive, ref, useTemplateRef, watch } from 'vue';
import type { FormInstance } from 'element-plus';
import { notifySuccess } from './feedback';
import { useServerErrors } from './useServerErrors';

export interface SubmitOptions<R> {
  /** i18n key of the message shown after the request succeeded. */
  success: string;
  /** Runs once the dialog has closed, with what the request returned (emit `saved`, reload a list). */
  done?: (result: R) => unknown;
}

/**
 * `blank` gives the empty form that every `open` starts from; `fields` are the form's fields the server may
 * name in a 400, or dotted names of the nested values it checks (`indicator.target`). With `clearOnEdit` (the default) any edit of the form clears the server's field errors.
 * The template's `<el-form>` carries `ref="formRef"` (or the name given as `formRef`).
 */
export function useFormDialog<M extends object, const F extends (keyof M & string) | `${string}.${string}`>(
  blank: () => M,
  fields: readonly F[],
  { clearOnEdit = true, formRef: refName = 'formRef' } = {},
) {
  const visible = ref(false);
  const saving = ref(false);
  const formRef = useTemplateRef<FormInstance>(refName);
  const form = reactive(blank()) as M;
  const srv = useServerErrors(fields);
  if (clearOnEdit) watch(form, () => srv.clear());

  /** Resets the form to `blank()` overlaid with `values` and shows the dialog without stale error marks. */
  function open(values: Partial<M> = {}): void {
    Object.assign(form, blank(), values);
    visible.value = true;
    void nextTick(() => {
      formRef.value?.clearValidate();
      srv.clear();
    });
  }

  /** Validates, then sends `request`; on success says so, closes and calls `done`, on failure shows the error. */
  async function submit<R>(request: () => Promise<R>, { success, done }: SubmitOptions<R>): Promise<void> {
    srv.clear();
    await nextTick();
    if (!formRef.value || !(await formRef.value.validate().catch(() => false))) return;
    saving.value = true;
    try {
      const result = await request();
      notifySuccess(success);
      visible.value = false;
      await done?.(result);
    } catch (err) {
      srv.show(err);
    } finally {
      saving.value = false;
    }
  }

  return { visible, saving, form, srv, open, submit };
}
