import type { EntityManager } from 'typeorm';
import type { StatementRow } from './statement-row';

/**
 * Work that must commit with the statements or not at all (learner progress, outbox rows). Hooks
 * get the statement's own transaction manager and must run every query on it: PGlite would
 * deadlock on a second connection.
 */
export interface StatementHook {
  onStatementsStored(manager: EntityManager, rows: StatementRow[]): Promise<void>;
}

export const STATEMENT_HOOKS = Symbol('STATEMENT_HOOKS');
