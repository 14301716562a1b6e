import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DataSource, type EntityManager } from 'typeorm';
import { HocbaConfig } from '@hocba/config';
import { LrsStore, OnStatementsStored, type StatementHook, type StatementRow } from '@hocba/lrs';
import { agentKey, parseTimestamp, type JsonObject } from '@hocba/xapi';
import { OnCompleted, type CompletionHook } from './completion-hook';
import { fold, progressKey, signalsOf, type Progress, type Signals } from './milestones';
import { ProgressRepository, type MatchedEnrollment } from './progress.repository';

type Statement = Parameters<typeof signalsOf>[0] & { actor: JsonObject };

/** Enrollments rebuilt per round trip. */
const REBUILD_CHUNK = 500;
/** Enrollments per transaction in a full replay. */
const REPLAY_PAGE = 2_000;
/** Longest an enrollment waits for the statement writes in flight before it answers anyway. */
const SETTLE_WAIT_SECONDS = 30;

/**
 * Keeps enrollment_progress current. Runs inside the statements' own transaction (a StatementHook),
 * so a report includes a statement the moment it is acknowledged; at enrollment (statements that
 * arrived before the learner was enrolled); and on voiding, by rebuilding from the statements left.
 * A seat it marks completed goes to the @OnCompleted providers (certificates) in the same transaction.
 */
@Injectable()
@OnStatementsStored()
export class ProgressProjection implements StatementHook, OnModuleInit {
  private readonly logger = new Logger(ProgressProjection.name);
  /** The @OnCompleted providers of the application (the certificates' requests). */
  private completionHooks: CompletionHook[] = [];

  constructor(
    private readonly repository: ProgressRepository,
    private readonly statements: LrsStore,
    private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    private readonly config: HocbaConfig,
  ) {}

  onModuleInit(): void {
    const found = this.discovery.getProviders({ metadataKey: OnCompleted.KEY });
    // A hook provided by two modules would be two instances, each acting on every completion.
    const names = found.map((w) => w.name);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    if (twice.length > 0)
      throw new Error(`Completion hook ${twice.join(', ')} is provided by more than one module`);
    this.completionHooks = found.flatMap((w) => (w.instance ? [w.instance as CompletionHook] : []));
  }

  async onStatementsStored(m: EntityManager, rows: StatementRow[]): Promise<void> {
    // HOCBA_PROGRESS_PROJECTION=off (a bulk load of history): statements only, a rebuild later.
    if (rows.length === 0 || this.config.HOCBA_PROGRESS_PROJECTION === 'off') return;
    const byActor = new Map<string, Statement[]>();
    const voided: string[] = [];
    for (const row of rows) {
      // A voiding statement is an administrator's act, not learning: it only takes back its target.
      if (row.voids) {
        voided.push(row.voids);
        continue;
      }
      addByActor(byActor, row.statement as unknown as Statement);
    }
    const matches = await this.repository.enrollmentsOfActors(m, [...byActor.keys()]);
    const matchedKeys = new Set(matches.map((x) => x.key));
    await this.repository.recordUnmatched(
      m,
      [...byActor]
        .filter(([key]) => !matchedKeys.has(key))
        .map(([key, list]) => ({
          key,
          actor: list[0].actor,
          count: list.length,
          ...timeSpan(list),
        })),
    );
    await this.apply(m, matches, byActor, false);
    if (voided.length > 0) await this.rebuildForStatements(m, voided);
  }

  /**
   * Replays every enrollment's progress from the stored statements, a page at a time, each page
   * in a transaction of its own. The result equals what the statements built as they arrived.
   */
  async rebuildAll(dataSource: DataSource, onPage?: (done: number) => void): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let done = 0;
    for (;;) {
      const page = await this.repository.enrollmentIdsAfter(dataSource, after, REPLAY_PAGE);
      if (page.length === 0) return done;
      await dataSource.transaction((m) => this.rebuild(m, page));
      done += page.length;
      after = page[page.length - 1];
      onPage?.(done);
    }
  }

  /**
   * Recomputes these enrollments from every stored statement of their learners. The progress rows
   * are locked before the statements are read: a statement transaction that moved one of them has
   * committed by then (its statements are read), and one that comes later folds onto what this writes.
   */
  async rebuild(m: EntityManager, enrollmentIds: string[]): Promise<void> {
    for (let i = 0; i < enrollmentIds.length; i += REBUILD_CHUNK) {
      const chunk = enrollmentIds.slice(i, i + REBUILD_CHUNK);
      const locked = await this.repository.lock(m, chunk);
      const matches = await this.repository.enrollmentsByIds(m, chunk);
      const keys = [...new Set(matches.map((x) => x.key))];
      const byActor = new Map<string, Statement[]>();
      for (const statement of (await this.statements.statementsOfActors(m, keys)) as Statement[])
        addByActor(byActor, statement);
      await this.repository.forgetUnmatched(m, keys);
      await this.apply(m, matches, byActor, true, chunk, locked);
    }
  }

  /**
   * Called once new seats have committed: catches the statements that raced them. A statement
   * transaction that matched its learners before the seats committed did not fold into them, and
   * the rebuild inside the enrollment's transaction could not read it if it had not committed yet.
   * Every such transaction was in flight when the seats committed, so this waits for the statement
   * writes in flight now (on every instance: `statement_writes_wait()`, migration 1765640000000) and
   * rebuilds the seats whose learners have statements. Writes that start later match the seats
   * themselves.
   */
  async settle(enrollmentIds: string[]): Promise<void> {
    if (enrollmentIds.length === 0) return;
    try {
      // Bounded: a write stuck in flight must not hold the enrollment's answer forever (the warning
      // below then says what to run).
      await this.dataSource.transaction(async (m) => {
        await m.query(`SET LOCAL lock_timeout = '${SETTLE_WAIT_SECONDS}s'`);
        await m.query('SELECT statement_writes_wait()');
      });
      for (let i = 0; i < enrollmentIds.length; i += REBUILD_CHUNK) {
        const chunk = enrollmentIds.slice(i, i + REBUILD_CHUNK);
        const withStatements = await this.withStatements(this.dataSource.manager, chunk);
        if (withStatements.length > 0)
          await this.dataSource.transaction((m) => this.rebuild(m, withStatements));
      }
    } catch (error) {
      // The seats have committed: the enrollment succeeded and must not be reported as failed.
      this.logger.warn(
        `Progress of ${enrollmentIds.length} new seats not checked for racing statements (${(error as Error).message}); \`npm run cli -- progress rebuild\` does it`,
      );
    }
  }

  /** Of these enrollments, those whose learner is the actor of at least one stored statement. */
  private async withStatements(m: EntityManager, enrollmentIds: string[]): Promise<string[]> {
    const seats = await this.repository.enrollmentsByIds(m, enrollmentIds);
    const actors = await this.statements.actorsWithStatements(m, [...new Set(seats.map((s) => s.key))]);
    return [...new Set(seats.filter((s) => actors.has(s.key)).map((s) => s.enrollmentId))];
  }

  private async rebuildForStatements(m: EntityManager, statementIds: string[]): Promise<void> {
    const keys = new Set<string>();
    for (const s of (await this.statements.statementsByIds(statementIds, m)) as Statement[]) {
      const key = agentKey(s.actor);
      if (key) keys.add(key);
    }
    const affected = await this.repository.enrollmentsOfActors(m, [...keys]);
    await this.rebuild(m, [...new Set(affected.map((x) => x.enrollmentId))]);
  }

  /** Folds the statements into the matched enrollments' progress (from nothing when `fresh`) and saves what changed. */
  private async apply(
    m: EntityManager,
    matches: MatchedEnrollment[],
    byActor: Map<string, Statement[]>,
    fresh: boolean,
    alsoReset: string[] = [],
    /** Rows the caller locked already (a rebuild locks before it reads). */
    alreadyLocked?: Map<string, Progress>,
  ): Promise<void> {
    const ids = [...new Set([...matches.map((x) => x.enrollmentId), ...alsoReset])];
    if (ids.length === 0) return;
    const changes = (current: Map<string, Progress>, only?: Set<string>): [string, Progress][] => {
      const next = new Map<string, Progress>();
      for (const id of alsoReset) if (!only || only.has(id)) next.set(id, { activities: {} });
      for (const match of matches) {
        if (only && !only.has(match.enrollmentId)) continue;
        const base =
          next.get(match.enrollmentId) ??
          (fresh ? { activities: {} } : (current.get(match.enrollmentId) ?? { activities: {} }));
        const signals: Signals[] = (byActor.get(match.key) ?? []).flatMap(
          (s) => signalsOf(s, match.course, match.registration) ?? [],
        );
        next.set(match.enrollmentId, fold(base, signals, match.course));
      }
      return [...next].filter(
        ([id, p]) => progressKey(p) !== progressKey(current.get(id) ?? { activities: {} }),
      );
    };
    // Completions this call records: the course's certificate is requested in the same transaction.
    const completed: string[] = [];
    const noteCompleted = (
      before: Map<string, Progress>,
      after: [string, Progress][],
      only?: Set<string>,
    ) => {
      for (const [id, p] of after)
        if ((!only || only.has(id)) && p.completed && !before.get(id)?.completed) completed.push(id);
    };
    let candidates = ids;
    if (!fresh) {
      // Fold on the rows as read (unlocked) and write what changed where no one moved the row
      // since: one statement. Rows another transaction moved, or not created yet, go the locked way.
      const seen = new Map(
        matches.flatMap((x) => (x.progress ? [[x.enrollmentId, x.progress] as const] : [])),
      );
      const versions = new Map(
        matches.flatMap((x) => (x.version !== undefined ? [[x.enrollmentId, x.version] as const] : [])),
      );
      const changed = changes(seen);
      const written = await this.repository.saveIfUnchanged(
        m,
        changed.flatMap(([enrollmentId, progress]) => {
          const version = versions.get(enrollmentId);
          return version === undefined ? [] : [{ enrollmentId, progress, version }];
        }),
      );
      noteCompleted(seen, changed, written);
      candidates = changed.map(([id]) => id).filter((id) => !written.has(id));
    }
    if (candidates.length > 0) {
      // Lock what changes and fold again on the locked rows: another transaction may have moved them.
      const locked = alreadyLocked ?? (await this.repository.lock(m, candidates));
      const changed = changes(locked, new Set(candidates));
      await this.repository.save(
        m,
        changed.map(([enrollmentId, progress]) => ({ enrollmentId, progress })),
      );
      noteCompleted(locked, changed);
    }
    if (completed.length > 0) for (const hook of this.completionHooks) await hook.onCompleted(m, completed);
  }
}

/** Groups a statement under its actor's key (statements from an actor without one are left out). */
function addByActor(byActor: Map<string, Statement[]>, statement: Statement): void {
  const key = agentKey(statement.actor);
  if (!key) return;
  const list = byActor.get(key);
  if (list) list.push(statement);
  else byActor.set(key, [statement]);
}

/** Earliest and latest statement time of a list, as ISO text PostgreSQL reads (the LRS accepted each). */
function timeSpan(list: { timestamp: string }[]): { first: string; last: string } {
  const times = list.map((s) => parseTimestamp(s.timestamp) ?? Date.now());
  return {
    first: new Date(Math.min(...times)).toISOString(),
    last: new Date(Math.max(...times)).toISOString(),
  };
}
