// Small shared pieces of the procurement screens: the indicators and how their flags read, amounts, and the
// participants of a process as its OCDS release tells them (a guide for the eye: the indicators are the server's).
import type { OcdsOrganisationRef, OcdsRelease, ProcurementFlag } from '@/api/types';
import { currentLocale, i18n } from '@/i18n';

/** Every indicator, Cardinal's first (docs/redflags.md), in the order the filter lists them. */
export const INDICATORS = [
  'R003', 'R018', 'R024', 'R025', 'R028', 'R030', 'R035', 'R036', 'R038', 'R048', 'R058',
  'SHARED-CONTACT', 'IDENTICAL-BID', 'PATTERN-BID', 'REPEAT-AWARD', 'COVER-BIDDER', 'SAME-GROUP', 'SPLIT', 'CONTRACT-CHANGE',
  'NEW-FIRM', 'BLACKLIST',
] as const;

/** Collusion patterns and the debarment list: their warnings are alarms, their tags red; the rest orange. */
const SEVERE = new Set(['SHARED-CONTACT', 'IDENTICAL-BID', 'PATTERN-BID', 'SAME-GROUP', 'R028', 'BLACKLIST']);
export const isSevere = (indicator: string): boolean => SEVERE.has(indicator);
export const flagTagType = (indicator: string): 'danger' | 'warning' => (isSevere(indicator) ? 'danger' : 'warning');
export const SEVERE_COLOR = '#dc2626';
export const FLAG_COLOR = '#ea580c';

/** Indicators whose value is a share or a ratio: shown as a percentage. */
const PERCENT = new Set(['R024', 'R025', 'R038', 'R058', 'PATTERN-BID', 'REPEAT-AWARD', 'COVER-BIDDER', 'CONTRACT-CHANGE']);

/** An indicator's name in the current language: the server's Chinese name, or the English one of the UI. */
export function indicatorName(code: string, serverName = ''): string {
  const { t, te } = i18n.global;
  const key = `procurement.indicators.${code}`;
  if (currentLocale() === 'zh-CN' && serverName) return serverName;
  return te(key) ? t(key) : serverName || code;
}

/** A flag's value as it reads best: a share as a percentage, a count or a day as a number. */
export function flagValue(f: Pick<ProcurementFlag, 'indicator' | 'value'>): string {
  if (f.value == null) return i18n.global.t('common.none');
  if (PERCENT.has(f.indicator)) return `${Number((f.value * 100).toFixed(1))}%`;
  return String(Number(f.value.toFixed(3)));
}

/** The flags of a list, one per indicator (a process flagged as OCID and again as a party shows one tag). */
export function distinctIndicators(flags: ProcurementFlag[]): ProcurementFlag[] {
  const seen = new Map<string, ProcurementFlag>();
  for (const f of flags) if (!seen.has(f.indicator)) seen.set(f.indicator, f);
  return [...seen.values()];
}

/** An amount with its currency in the current language's way ("¥1,500,000", "1,500,000 USD"); none: "—". */
export function formatAmount(amount: number | null | undefined, currency = ''): string {
  if (amount == null) return i18n.global.t('common.none');
  const locale = currentLocale() === 'en' ? 'en-GB' : 'zh-CN';
  if (currency) {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 2 }).format(amount);
    } catch {
      /* not an ISO currency code: the number and the code as written */
    }
  }
  return [new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(amount), currency].filter(Boolean).join(' ');
}

/** A share "3 / 9 (33%)" of a whole; an empty whole: "0". */
export function share(part: number, whole: number): string {
  return whole ? `${part} / ${whole} (${Math.round((part / whole) * 100)}%)` : String(part);
}

/** An OCDS code in the current language when the UI knows it (`procurement.<list>.<code>`), else as written; none: "—". */
function codeLabel(list: string, code: string | undefined): string {
  const { t, te } = i18n.global;
  if (!code) return t('common.none');
  return te(`procurement.${list}.${code}`) ? t(`procurement.${list}.${code}`) : code;
}

/** A procurement method (open, selective, limited, direct). */
export const methodLabel = (method: string): string => codeLabel('methods', method);

/** The status of a tender, a bid or an award. */
export const statusLabel = (status: string | undefined): string => codeLabel('statuses', status);

// ---- the participants of one process ----

export type ContactKind = 'telephone' | 'email' | 'address' | 'contact';
export const CONTACT_KINDS: ContactKind[] = ['telephone', 'email', 'address', 'contact'];

export interface Participant {
  /** The organisation's id, or its name when it has none. */
  key: string;
  id: string;
  name: string;
  bids: { amount: number | null; currency: string; status: string }[];
  awards: { amount: number | null; currency: string; status: string }[];
  contact: Record<ContactKind, string>;
  /** The kinds of contact this bidder shares with another one of the same process. */
  shared: ContactKind[];
}

const refKey = (o: OcdsOrganisationRef | undefined): string => (o?.id != null && o.id !== '' ? String(o.id) : o?.name ?? '');
/** What two contacts are compared on: telephone digits without the country code and trunk 0, other text without spaces. */
function normalised(kind: ContactKind, v: string): string {
  if (kind === 'telephone') return v.replace(/\D/g, '').replace(/^(0086|86)/, '').replace(/^0/, '');
  return v.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]/gu, '');
}

/** The bidders and suppliers of a release: each once, with their bids, awards and contact details. */
export function participantsOf(r: OcdsRelease | undefined): Participant[] {
  if (!r) return [];
  const byKey = new Map<string, Participant>();
  const partyOf = (key: string) => r.parties?.find((p) => refKey(p) === key);
  const get = (o: OcdsOrganisationRef | undefined): Participant | null => {
    const key = refKey(o);
    if (!key) return null;
    let p = byKey.get(key);
    if (!p) {
      const party = partyOf(key);
      const a = party?.address;
      p = {
        key, id: o?.id != null ? String(o.id) : '', name: o?.name || party?.name || key, bids: [], awards: [], shared: [],
        contact: {
          telephone: party?.contactPoint?.telephone ?? '',
          email: party?.contactPoint?.email ?? '',
          address: [a?.region, a?.locality, a?.streetAddress].filter(Boolean).join(' '),
          contact: party?.contactPoint?.name ?? '',
        },
      };
      byKey.set(key, p);
    }
    return p;
  };
  for (const o of r.tender?.tenderers ?? []) get(o);
  for (const b of r.bids?.details ?? []) {
    for (const o of b.tenderers ?? []) {
      get(o)?.bids.push({ amount: b.value?.amount ?? null, currency: b.value?.currency ?? '', status: b.status ?? '' });
    }
  }
  for (const p of r.parties ?? []) if (p.roles?.some((x) => x === 'tenderer' || x === 'supplier')) get(p);
  for (const a of r.awards ?? []) {
    for (const o of a.suppliers ?? []) {
      get(o)?.awards.push({ amount: a.value?.amount ?? null, currency: a.value?.currency ?? '', status: a.status ?? '' });
    }
  }
  const list = [...byKey.values()];
  for (const kind of CONTACT_KINDS) {
    const count = new Map<string, number>();
    const norm = (p: Participant) => normalised(kind, p.contact[kind]);
    for (const p of list) if (norm(p)) count.set(norm(p), (count.get(norm(p)) ?? 0) + 1);
    for (const p of list) if ((count.get(norm(p)) ?? 0) > 1) p.shared.push(kind);
  }
  return list;
}

/** A winner: a supplier of an award that is active or has no status. */
export const isWinner = (p: Participant): boolean => p.awards.some((a) => !a.status || a.status === 'active');
