// vue-i18n set-up: Chinese first, English second; the choice is kept in localStorage.
import { createI18n } from 'vue-i18n';
import zhCN, { type MessageSchema } from './zh-CN';
import en from './en';
import { ApiError } from '@/api/http';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'lianfang.locale';

function savedLocale(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'zh-CN' || v === 'en') return v;
  } catch {
    /* storage unavailable: use the default */
  }
  return 'zh-CN';
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

function applyToDocument(locale: Locale): void {
  document.documentElement.lang = locale;
  document.title = i18n.global.t('app.title');
}
applyToDocument(i18n.global.locale.value);

export function currentLocale(): Locale {
  return i18n.global.locale.value;
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* not persisted; still switched for this page */
  }
  applyToDocument(locale);
}

/** The message to show for an error: the server's own text in the current language, else a generic one. */
export function errorText(err: unknown): string {
  const t = i18n.global.t;
  if (err instanceof ApiError) {
    if (err.fromServer) {
      const en = currentLocale() === 'en';
      return (en ? err.messageEn || err.messageZh : err.messageZh || err.messageEn) || err.code;
    }
    if (err.status === 0) return t('error.network');
    return t('error.http', { status: err.status });
  }
  return err instanceof Error ? err.message : String(err);
}

/** A timestamp in the current language's way (24-hour clock); none: "—". */
export function formatTime(at: string | null | undefined): string {
  if (!at) return i18n.global.t('common.none');
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toLocaleString(currentLocale() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
}

/** How a user's scope reads: the server's label of the unit or department, or "everything". */
export function scopeLabel(scope: { unit_id: number | null; department_id: number | null; label: string } | undefined): string {
  if (!scope) return '';
  // A user without a unit or department sees everything: say so in the chosen language.
  if (scope.unit_id == null && scope.department_id == null) return i18n.global.t('users.scopeAll');
  return scope.label;
}
