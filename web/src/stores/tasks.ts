// The current user's overdue check tasks, counted for the menu's badge; refreshed on login and after a task is done.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { taskApi } from '@/api/measures';

export const useTaskStore = defineStore('tasks', () => {
  const overdue = ref(0);

  async function refresh(): Promise<void> {
    try {
      overdue.value = (await taskApi.list({ mine: 1, overdue: 1, page: 1, size: 1 })).total;
    } catch {
      overdue.value = 0; // only a badge: the tasks page shows the error
    }
  }

  return { overdue, refresh };
});
