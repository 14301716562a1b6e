import { LrsStatements1763800000000 } from './1763800000000-lrs-statements';
import { LrsDocuments1763900000000 } from './1763900000000-lrs-documents';
import { Program1764000000000 } from './1764000000000-program';
import { Jobs1764100000000 } from './1764100000000-jobs';
import { Progress1764200000000 } from './1764200000000-progress';
import { FunnelTally1764300000000 } from './1764300000000-funnel-tally';
import { ProgressVersion1764400000000 } from './1764400000000-progress-version';
import { Certificates1764500000000 } from './1764500000000-certificates';
import { LearnerLinks1764600000000 } from './1764600000000-learner-links';
import { EnrollmentRegistration1764700000000 } from './1764700000000-enrollment-registration';
import { TrainingRecords1764800000000 } from './1764800000000-training-records';
import { ReportPacks1764900000000 } from './1764900000000-report-packs';
import { AuditAppendOnly1765000000000 } from './1765000000000-audit-append-only';
import { Security1765100000000 } from './1765100000000-security';
import { LrsClientCourses1765200000000 } from './1765200000000-lrs-client-courses';
import { StatementRefTarget1765300000000 } from './1765300000000-statement-ref-target';
import { StatementPartitions1765400000000 } from './1765400000000-statement-partitions';
import { ProgressFillfactor1765500000000 } from './1765500000000-progress-fillfactor';
import { CodesAnyCase1765610000000 } from './1765610000000-codes-any-case';
import { UsernameCase1765620000000 } from './1765620000000-username-case';
import { StatementWriteOrder1765640000000 } from './1765640000000-statement-write-order';

/** Every migration, oldest first. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS = [
  LrsStatements1763800000000,
  LrsDocuments1763900000000,
  Program1764000000000,
  Jobs1764100000000,
  Progress1764200000000,
  FunnelTally1764300000000,
  ProgressVersion1764400000000,
  Certificates1764500000000,
  LearnerLinks1764600000000,
  EnrollmentRegistration1764700000000,
  TrainingRecords1764800000000,
  ReportPacks1764900000000,
  AuditAppendOnly1765000000000,
  Security1765100000000,
  LrsClientCourses1765200000000,
  StatementRefTarget1765300000000,
  StatementPartitions1765400000000,
  ProgressFillfactor1765500000000,
  CodesAnyCase1765610000000,
  UsernameCase1765620000000,
  StatementWriteOrder1765640000000,
];
