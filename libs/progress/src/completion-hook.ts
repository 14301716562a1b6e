import { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';

/**
 * Work that follows a seat's completion in the same transaction (requesting its certificate):
 * `enrollmentIds` are the seats whose progress this transaction has just marked completed. Hooks
 * run every query on the manager given (the statements' transaction, one connection on PGlite).
 */
export interface CompletionHook {
  onCompleted(manager: EntityManager, enrollmentIds: string[]): Promise<void>;
}

/**
 * Marks a provider as a CompletionHook. The progress projection finds the marked providers of the
 * application when it starts (Nest's DiscoveryService): the lib that acts on completions
 * (certificates) imports progress, never the other way round.
 */
export const OnCompleted = DiscoveryService.createDecorator();
