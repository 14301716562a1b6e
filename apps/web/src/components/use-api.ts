import { useEffect, useState } from 'react';
import { call } from '../api';

/** GETs a path (again whenever it changes): the data, the error, and a way to load it again. */
export function useApi<T>(path: string | undefined): { data?: T; error?: string; reload: () => void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setError(undefined);
    call<T>('GET', path).then(
      (d) => live && setData(d),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [path, round]);
  return { data, error, reload: () => setRound((r) => r + 1) };
}
