import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '../api';
import { useApp } from '../context';
import { errorText } from '../messages';

/**
 * A GET through the shared cache, for screens whose filters change the path: the previous figures
 * stay on screen until the new ones arrive. The data, the error in the reader's language, a way to
 * load again.
 */
export function useApi<T>(path: string | undefined): { data?: T; error?: string; reload: () => void } {
  const { language } = useApp();
  const q = useQuery({
    queryKey: [path],
    queryFn: () => call<T>('GET', path!),
    enabled: !!path,
    placeholderData: keepPreviousData,
  });
  return { data: q.data, error: errorText(q.error, language), reload: () => void q.refetch() };
}
