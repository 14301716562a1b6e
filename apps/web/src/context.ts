import { createContext, useContext } from 'react';
import type { Session } from './api';
import type { Me } from './client';
import type { Language, Words } from './i18n';

/** What every screen needs: the words, the language, and what the signed-in person may do. */
export interface AppState {
  t: Words;
  language: Language;
  role: Session['role'];
  /** Whether the person may change anything (national viewers read only). */
  editor: boolean;
  units: Me['units'];
}

export const AppContext = createContext<AppState | undefined>(undefined);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp outside the signed-in shell');
  return state;
}
