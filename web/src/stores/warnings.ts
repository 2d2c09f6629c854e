// Warnings shared by every screen: the open items of the user's inbox (the menu's badge), and the level colours of
// the warning settings (asked for once; saved ones replace them).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { warningApi, warningSettingsApi } from '@/api/warnings';
import type { WarningLevel, WarningSettings } from '@/api/types';

/** Blue, yellow, red until the settings arrive (and when they cannot be read). */
export const DEFAULT_LEVEL_COLOURS: Record<WarningLevel, string> = { reminder: '#2563eb', warning: '#eab308', alarm: '#dc2626' };

export const useWarningStore = defineStore('warnings', () => {
  const inboxOpen = ref(0);
  const colours = ref<Record<WarningLevel, string>>({ ...DEFAULT_LEVEL_COLOURS });
  let settingsAsked: Promise<void> | null = null;

  async function refreshInbox(): Promise<void> {
    try {
      inboxOpen.value = (await warningApi.list({ inbox: 1, open: 1, page: 1, size: 1 })).total;
    } catch {
      inboxOpen.value = 0; // only a badge: the inbox page shows the error
    }
  }

  /** Loads the colours once per page load. */
  function loadSettings(): Promise<void> {
    settingsAsked ??= warningSettingsApi.get().then((s) => remember(s)).catch(() => {
      settingsAsked = null;
    });
    return settingsAsked;
  }

  function remember(s: WarningSettings): void {
    colours.value = { ...DEFAULT_LEVEL_COLOURS, ...s.colours };
  }

  return { inboxOpen, colours, refreshInbox, loadSettings, remember };
});
