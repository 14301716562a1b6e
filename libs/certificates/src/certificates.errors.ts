import { HocbaError, type CodesOf } from '@hocba/errors';

/** Certificates, their archives, and the learner links that show them. */
export class CertificateError extends HocbaError<CodesOf<'certificate' | 'learner_link'>> {}
