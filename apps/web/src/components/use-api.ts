import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '../api';

/**
 * A GET through the shared cache, for screens whose filters change the path: the previous figures
 * stay on screen until the new ones arrive. The data, the error's message, a way to load again.
 */
export function useApi<T>(path: string | undefined): { data?: T; error?: string; reload: () => void } {
  const q = useQuery({
    queryKey: [path],
    queryFn: () => call<T>('GET', path!),
    enabled: !!path,
    placeholderData: keepPreviousData,
  });
  return { data: q.data, error: q.error?.message, reload: () => void q.refetch() };
}
