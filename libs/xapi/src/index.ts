export { XapiValidationError } from './errors';
export { SUPPORTED_VERSIONS, negotiateVersion, type XapiVersion } from './versions';
export { validateStatement, validateActor, VOIDED_VERB, SIGNATURE_USAGE } from './validate';
export { normaliseStatement } from './normalise';
export {
  isUuid,
  isIri,
  isSha2Hex,
  parseTimestamp,
  jsonNestingDeeperThan,
  textProblem,
  findUnstorableText,
} from './formats';
export { agentKey, agentIdsForm } from './agents';
export { statementFacts, type StatementFacts } from './indexing';
export { toIdsFormat, toCanonicalFormat, parseAcceptLanguage, type StatementFormat } from './output';
export { sameStatement, deepEqual } from './equivalence';
export { parseMultipart, multipartBoundary, buildMultipart, type MultipartPart } from './multipart';
export { verifySignedStatement } from './signature';
export type { Actor, Agent, Statement, JsonObject } from './types';
export {
  documentEtag,
  etagMatches,
  mergeJsonDocuments,
  mergeActivityDefinition,
  definedActivities,
  personOf,
} from './documents';
