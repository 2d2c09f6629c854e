// Messages and confirmations shown to the user, all in the current language.
import { ElMessage, ElMessageBox } from 'element-plus';
import { errorText, i18n } from '@/i18n';

export function notifyError(err: unknown): void {
  ElMessage({ type: 'error', message: errorText(err), showClose: true, duration: 5000 });
}

export function notifySuccess(key: string): void {
  ElMessage({ type: 'success', message: i18n.global.t(key) });
}

/** Asks before a step that cannot be undone; resolves true when the user confirms with `confirmText`. */
export async function confirmDanger(message: string, confirmText: string): Promise<boolean> {
  const t = i18n.global.t;
  try {
    await ElMessageBox.confirm(message, t('common.confirmTitle'), {
      type: 'warning',
      confirmButtonText: confirmText,
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: 'el-button--danger',
    });
    return true;
  } catch {
    return false;
  }
}

/** Asks before deleting; resolves true when the user confirms. */
export function confirmDelete(name: string): Promise<boolean> {
  const t = i18n.global.t;
  return confirmDanger(t('common.confirmDelete', { name }), t('common.delete'));
}

/** Asks, then deletes, says so and runs `after` (a reload); any error on the way is shown as a message. */
export async function deleteConfirmed(name: string, remove: () => Promise<unknown>, after: () => unknown): Promise<void> {
  if (!(await confirmDelete(name))) return;
  try {
    await remove();
    notifySuccess('common.deleted');
    await after();
  } catch (err) {
    notifyError(err);
  }
}
