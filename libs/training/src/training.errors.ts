import { HocbaError, type CodesOf } from '@hocba/errors';

/** Training records, their imports, and the weekly report packs. */
export class TrainingError extends HocbaError<
  CodesOf<'training' | 'training_record' | 'report_pack' | 'import'>
> {}
