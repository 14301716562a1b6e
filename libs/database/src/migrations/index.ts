import { LrsStatements1763800000000 } from './1763800000000-lrs-statements';
import { LrsDocuments1763900000000 } from './1763900000000-lrs-documents';
import { Program1764000000000 } from './1764000000000-program';
import { Jobs1764100000000 } from './1764100000000-jobs';
import { Progress1764200000000 } from './1764200000000-progress';

/** Every migration, oldest first. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS = [
  LrsStatements1763800000000,
  LrsDocuments1763900000000,
  Program1764000000000,
  Jobs1764100000000,
  Progress1764200000000,
];
