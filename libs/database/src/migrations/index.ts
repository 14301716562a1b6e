import { LrsStatements1763800000000 } from './1763800000000-lrs-statements';

/** Every migration, oldest first. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS = [LrsStatements1763800000000];
