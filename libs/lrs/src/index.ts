export { LrsModule, LrsProjectionsModule, LrsClientsModule } from './lrs.module';
export { ActivityDefinitionMerger } from './activities/activity-definition-merger';
export { ActivitiesRepository } from './activities/activities.repository';
export { StatementPartitionKeeper } from './statements/statement-partitions';
export { LrsClientsService } from './clients/lrs-clients.service';
export { LRS_SCOPES, canMakeLearnerLinks, type LrsScope, type LrsClient } from './clients/lrs-client';
export { StatementsService } from './statements/statements.service';
export { STATEMENT_HOOKS, type StatementHook } from './statements/statement-hook';
export type { StatementRow } from './statements/statement-row';
