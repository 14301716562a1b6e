import { DiscoveryService } from '@nestjs/core';
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

/**
 * Marks a provider as a StatementHook. The statement writer finds the marked providers of the
 * application when it starts (Nest's DiscoveryService): the lib that follows the statements
 * (progress) imports the LRS, never the other way round.
 */
export const OnStatementsStored = DiscoveryService.createDecorator();
