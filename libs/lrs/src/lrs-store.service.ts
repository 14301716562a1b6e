import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DocumentsRepository } from './documents/documents.repository';
import { StatementsRepository } from './statements/statements.repository';

/**
 * What the LRS keeps, for the other libs: the lrs lib owns the statement tables and the documents,
 * and the progress projection, the reports and an erasure read and change them here. Methods given
 * a manager run in the caller's transaction.
 */
@Injectable()
export class LrsStore {
  constructor(
    private readonly statements: StatementsRepository,
    private readonly documents: DocumentsRepository,
    private readonly dataSource: DataSource,
  ) {}

  /** The stored, not voided statements whose actor has one of these agent keys, in stored order. */
  statementsOfActors(m: EntityManager, agentKeys: string[]): Promise<unknown[]> {
    return this.statements.bodiesOfActors(m, agentKeys);
  }

  /** Statements by id, in stored order (an id not stored is left out). */
  statementsByIds(ids: string[], m?: EntityManager): Promise<unknown[]> {
    return this.statements.parsedByIds(m ?? this.dataSource, ids);
  }

  /** Of these agent keys, those that are the actor of at least one stored statement. */
  actorsWithStatements(m: EntityManager, agentKeys: string[]): Promise<Set<string>> {
    return this.statements.actorsWithStatements(m, agentKeys);
  }

  /**
   * A learner's erasure: their statements get the pseudonymous account as actor (and are indexed
   * under it), and the documents kept under their agent keys go. Answers how many of each.
   */
  async eraseActor(
    m: EntityManager,
    agentKeys: string[],
    pseudonym: { homePage: string; name: string },
  ): Promise<{ statements: number; documents: number }> {
    const statements = await this.statements.replaceActor(
      m,
      agentKeys,
      { objectType: 'Agent', account: pseudonym },
      `account:${pseudonym.homePage}|${pseudonym.name}`,
    );
    return { statements, documents: await this.documents.removeOfAgents(m, agentKeys) };
  }
}
