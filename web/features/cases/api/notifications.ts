import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { NotificationList } from '../types.ts';

const KEY = ['cases', 'notifications'] as const;

/** GET /notifications: the latest notifications for the signed-in user, and how many are unread. */
export function getNotifications(signal?: AbortSignal): Promise<NotificationList> {
  return api.get('/notifications', { limit: 20 }, signal);
}

/** Checked every minute, and whenever the page comes back into view. */
export function useNotifications() {
  return useQuery({ queryKey: KEY, queryFn: ({ signal }) => getNotifications(signal), refetchInterval: 60_000 });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(`/notifications/${encodeURIComponent(id)}/read`),
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ marked: number }>('/notifications/read-all', {}),
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
}
