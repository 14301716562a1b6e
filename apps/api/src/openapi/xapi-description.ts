import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';

/**
 * The xAPI resources in the API description, written by hand. Their controllers answer every
 * method of a resource in one @All handler (the specification's alternate request syntax and its
 * 405s need that), which @nestjs/swagger would list as eight operations, SEARCH among them (not an
 * OpenAPI 3.0 method), all without bodies. What they take and answer is the xAPI specification's
 * (1.0.3 and 2.0.0); this says it in OpenAPI terms, with the shapes a platform sends most.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: SchemaObject | { $ref: string }, example?: unknown) => ({
  'application/json': { schema, ...(example === undefined ? {} : { example }) },
});

const ACCOUNT_AGENT = {
  objectType: 'Agent',
  account: { homePage: 'https://mooc.example.vn', name: 'hv-000123' },
};
const STATEMENT_EXAMPLE = {
  id: '6f1c2f0e-3b7a-4c1d-9a55-2c1e8d1f4b20',
  actor: { ...ACCOUNT_AGENT, name: 'Nguyễn Văn An' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'vi-VN': 'đã hoàn thành' } },
  object: {
    objectType: 'Activity',
    id: 'https://mooc.example.vn/da06',
    definition: { name: { 'vi-VN': 'Đề án 06' }, type: 'http://adlnet.gov/expapi/activities/course' },
  },
  result: { completion: true, success: true, score: { scaled: 0.9 }, duration: 'PT1H20M' },
  context: { registration: '0b9e7f6a-2c4d-4e8f-9a1b-3c5d7e9f1a2b', platform: 'Moodle', language: 'vi-VN' },
  timestamp: '2026-11-18T16:40:00+07:00',
};
const STORED_STATEMENT = {
  ...STATEMENT_EXAMPLE,
  stored: '2026-11-18T09:40:00.412Z',
  authority: {
    objectType: 'Agent',
    account: { homePage: 'https://hocba.example.vn', name: 'lrs-Xk3v9QmZpL2a' },
  },
  version: '1.0.3',
};

export const XAPI_SCHEMAS: Record<string, SchemaObject> = {
  XapiError: {
    type: 'object',
    description:
      'Every error on /xapi: the status, a stable machine code and a message naming the field and the rule.',
    required: ['error', 'message'],
    properties: {
      error: { type: 'integer', example: 400 },
      code: { type: 'string', example: 'validation.failed' },
      message: { type: 'string', example: 'statement.actor.mbox must start with mailto:' },
    },
    example: {
      error: 400,
      code: 'validation.failed',
      message: 'statement.actor.mbox must start with mailto:',
    },
  },
  XapiAgent: {
    type: 'object',
    description: 'An Agent (or Group) identified by exactly one of mbox, mbox_sha1sum, openid or account.',
    properties: {
      objectType: { type: 'string', enum: ['Agent', 'Group'] },
      name: { type: 'string' },
      mbox: { type: 'string', pattern: '^mailto:' },
      mbox_sha1sum: { type: 'string', pattern: '^[0-9a-f]{40}$' },
      openid: { type: 'string', format: 'uri' },
      account: {
        type: 'object',
        required: ['homePage', 'name'],
        properties: { homePage: { type: 'string', format: 'uri' }, name: { type: 'string' } },
      },
    },
    example: ACCOUNT_AGENT,
  },
  XapiStatement: {
    type: 'object',
    description:
      'An xAPI statement (xAPI 1.0.3 / 2.0.0, Data, section 2.2). Extra properties follow the specification; the LRS refuses what it forbids, naming the field and the rule.',
    required: ['actor', 'verb', 'object'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      actor: ref('XapiAgent'),
      verb: {
        type: 'object',
        required: ['id'],
        properties: {
          id: { type: 'string', format: 'uri' },
          display: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
      object: {
        type: 'object',
        description: 'An Activity (by default), an Agent or Group, a StatementRef or a SubStatement.',
        additionalProperties: true,
        properties: { objectType: { type: 'string' }, id: { type: 'string' } },
      },
      result: { type: 'object', additionalProperties: true },
      context: { type: 'object', additionalProperties: true },
      timestamp: { type: 'string', format: 'date-time' },
      stored: { type: 'string', format: 'date-time', description: 'Set by the LRS.' },
      authority: ref('XapiAgent'),
      version: { type: 'string' },
      attachments: { type: 'array', items: { type: 'object', additionalProperties: true } },
    },
    additionalProperties: true,
    example: STATEMENT_EXAMPLE,
  },
  XapiStatementResult: {
    type: 'object',
    required: ['statements'],
    properties: {
      statements: { type: 'array', items: ref('XapiStatement') },
      more: {
        type: 'string',
        description: 'The address of the next page; empty when there is none.',
      },
    },
    example: { statements: [STORED_STATEMENT], more: '/xapi/statements?more=eyJhZnRlclN0b3JlZCI6Ii4uLiJ9' },
  },
  XapiActivity: {
    type: 'object',
    required: ['objectType', 'id'],
    properties: {
      objectType: { type: 'string', enum: ['Activity'] },
      id: { type: 'string', format: 'uri' },
      definition: { type: 'object', additionalProperties: true },
    },
    example: STATEMENT_EXAMPLE.object,
  },
  XapiPerson: {
    type: 'object',
    required: ['objectType'],
    description: 'Every identifier and name the LRS knows for the agent (xAPI Person object).',
    properties: {
      objectType: { type: 'string', enum: ['Person'] },
      name: { type: 'array', items: { type: 'string' } },
      mbox: { type: 'array', items: { type: 'string' } },
      mbox_sha1sum: { type: 'array', items: { type: 'string' } },
      openid: { type: 'array', items: { type: 'string' } },
      account: {
        type: 'array',
        items: {
          type: 'object',
          properties: { homePage: { type: 'string' }, name: { type: 'string' } },
        },
      },
    },
    example: { objectType: 'Person', name: ['Nguyễn Văn An'], account: [ACCOUNT_AGENT.account] },
  },
  XapiAbout: {
    type: 'object',
    required: ['version'],
    properties: {
      version: { type: 'array', items: { type: 'string' } },
      extensions: { type: 'object', additionalProperties: true },
    },
    example: { version: ['2.0.0', '1.0.3', '1.0.2', '1.0.1', '1.0.0'], extensions: {} },
  },
  XapiDocument: {
    type: 'object',
    additionalProperties: true,
    description:
      'A document as the platform stored it. JSON objects are merged by POST; any other media type is kept byte for byte.',
    example: { bookmark: 'bai-3', progress: 0.4 },
  },
};

const VERSION_HEADER: ParameterObject = {
  name: 'X-Experience-API-Version',
  in: 'header',
  required: true,
  schema: { type: 'string', example: '1.0.3' },
  description: 'The xAPI version the client speaks (1.0.x or 2.0.0).',
};

const query = (
  name: string,
  description: string,
  schema: SchemaObject,
  required = false,
): ParameterObject => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});
const AGENT_PARAM = (required: boolean) =>
  query(
    'agent',
    'An Agent as JSON (URL-encoded).',
    { type: 'string', example: JSON.stringify(ACCOUNT_AGENT) },
    required,
  );
const ACTIVITY_PARAM = query('activityId', 'The activity (IRI).', { type: 'string', format: 'uri' }, true);
const SINCE_PARAM = query('since', 'Only ids of documents changed after this time (a list only).', {
  type: 'string',
  format: 'date-time',
});

const errors: Record<string, ResponseObject> = Object.fromEntries(
  [
    ['400', 'A parameter, a header or the body breaks a rule of the specification.'],
    ['401', 'No or wrong Basic credentials of an LRS client.'],
    ['403', "The client's scopes do not allow this."],
    ['default', 'Any other error.'],
  ].map(([status, description]) => [status, { description, content: json(ref('XapiError')) }]),
);

const operation = (
  tag: string,
  summary: string,
  op: Partial<OperationObject> & { responses: OperationObject['responses'] },
): OperationObject => ({
  tags: [tag],
  summary,
  security: [{ basic: [] }],
  ...op,
  parameters: [VERSION_HEADER, ...(op.parameters ?? [])],
  responses: { ...op.responses, ...errors },
});

const PRECONDITIONS: ParameterObject[] = [
  {
    name: 'If-Match',
    in: 'header',
    required: false,
    schema: { type: 'string' },
    description: 'The ETag the document must have.',
  },
  {
    name: 'If-None-Match',
    in: 'header',
    required: false,
    schema: { type: 'string' },
    description: '"*": only if no document exists.',
  },
];

const NO_CONTENT = { '204': { description: 'Stored.' } };

const DOCUMENT_BODY = {
  required: true,
  description:
    'The document: JSON (POST merges it into a JSON document), or any media type kept as sent (PUT).',
  content: {
    ...json(ref('XapiDocument'), { bookmark: 'bai-3', progress: 0.4 }),
    'application/octet-stream': { schema: { type: 'string' as const, format: 'binary' } },
  },
};

/** GET, PUT, POST and DELETE of one of the three document resources. */
function documentResource(
  tag: string,
  what: string,
  address: ParameterObject[],
  idName: string,
  idExample: string,
): PathItemObject {
  const id = (required: boolean) =>
    query(idName, `The document's id.`, { type: 'string', example: idExample }, required);
  return {
    get: operation(tag, `A ${what} document, or the ids of them all (without ${idName})`, {
      operationId: `xapi_${idName}_get`,
      parameters: [...address, id(false), SINCE_PARAM],
      responses: {
        '200': {
          description: `The document as stored (its media type and bytes), or, without ${idName}, the ids as a JSON array.`,
          content: {
            ...json(
              { oneOf: [ref('XapiDocument'), { type: 'array', items: { type: 'string' } }] },
              { bookmark: 'bai-3', progress: 0.4 },
            ),
            'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
          },
        },
        '404': { description: 'No such document.', content: json(ref('XapiError')) },
      },
    }),
    put: operation(tag, `Stores a ${what} document (replaces it)`, {
      operationId: `xapi_${idName}_put`,
      parameters: [...address, id(true), ...PRECONDITIONS],
      requestBody: DOCUMENT_BODY,
      responses: {
        ...NO_CONTENT,
        '412': { description: 'The precondition failed.', content: json(ref('XapiError')) },
      },
    }),
    post: operation(tag, `Merges JSON into a ${what} document`, {
      operationId: `xapi_${idName}_post`,
      parameters: [...address, id(true), ...PRECONDITIONS],
      requestBody: { ...DOCUMENT_BODY, content: json(ref('XapiDocument'), { progress: 0.5 }) },
      responses: NO_CONTENT,
    }),
    delete: operation(tag, `Deletes a ${what} document (or, for state without stateId, all of them)`, {
      operationId: `xapi_${idName}_delete`,
      parameters: [...address, id(false), ...PRECONDITIONS],
      responses: { '204': { description: 'Deleted.' } },
    }),
  };
}

const STATEMENT_BODY = {
  required: true,
  description:
    'One statement or an array of them; with attachments, multipart/mixed whose first part is the JSON (xAPI Data 2.4.11).',
  content: {
    ...json(
      { oneOf: [ref('XapiStatement'), { type: 'array', items: ref('XapiStatement') }] },
      STATEMENT_EXAMPLE,
    ),
    'multipart/mixed': { schema: { type: 'string' as const, format: 'binary' } },
  },
};

export const XAPI_PATHS: Record<string, PathItemObject> = {
  '/xapi/about': {
    get: {
      tags: ['xAPI'],
      summary: 'The xAPI versions this LRS speaks (no credentials needed)',
      operationId: 'xapi_about_get',
      responses: { '200': { description: 'The versions.', content: json(ref('XapiAbout')) } },
    },
  },
  '/xapi/statements': {
    get: operation(
      'xAPI',
      'One statement (statementId or voidedStatementId), or a page of them matching the filters',
      {
        operationId: 'xapi_statements_get',
        parameters: [
          query('statementId', 'One statement by id (no other filter).', { type: 'string', format: 'uuid' }),
          query('voidedStatementId', 'One voided statement by id.', { type: 'string', format: 'uuid' }),
          AGENT_PARAM(false),
          query('verb', 'The verb (IRI).', { type: 'string', format: 'uri' }),
          query('activity', 'The activity (IRI).', { type: 'string', format: 'uri' }),
          query('registration', 'The registration.', { type: 'string', format: 'uuid' }),
          query('related_activities', 'Match the activity anywhere in the statement.', {
            type: 'boolean',
            default: false,
          }),
          query('related_agents', 'Match the agent anywhere in the statement.', {
            type: 'boolean',
            default: false,
          }),
          query('since', 'Stored after this time.', { type: 'string', format: 'date-time' }),
          query('until', 'Stored at or before this time.', { type: 'string', format: 'date-time' }),
          query('limit', 'At most this many (0: the server maximum).', { type: 'integer', minimum: 0 }),
          query('format', 'How agents and activities are shown.', {
            type: 'string',
            enum: ['exact', 'ids', 'canonical'],
            default: 'exact',
          }),
          query('attachments', 'Answer multipart/mixed with the attachments.', {
            type: 'boolean',
            default: false,
          }),
          query('ascending', 'Oldest first.', { type: 'boolean', default: false }),
          query('more', 'The more link of a previous page.', { type: 'string' }),
        ],
        responses: {
          '200': {
            description:
              'A statement (statementId, voidedStatementId) or a StatementResult; multipart/mixed when attachments=true. X-Experience-API-Consistent-Through says up to when the answer is complete.',
            content: {
              ...json(
                { oneOf: [ref('XapiStatement'), ref('XapiStatementResult')] },
                { statements: [STORED_STATEMENT], more: '' },
              ),
              'multipart/mixed': { schema: { type: 'string', format: 'binary' } },
            },
          },
          '404': { description: 'No such statement.', content: json(ref('XapiError')) },
        },
      },
    ),
    put: operation('xAPI', 'Stores one statement with the given id', {
      operationId: 'xapi_statements_put',
      parameters: [query('statementId', 'The statement id.', { type: 'string', format: 'uuid' }, true)],
      requestBody: {
        ...STATEMENT_BODY,
        description: 'One statement; with attachments, multipart/mixed.',
        content: {
          ...json(ref('XapiStatement'), STATEMENT_EXAMPLE),
          'multipart/mixed': STATEMENT_BODY.content['multipart/mixed'],
        },
      },
      responses: {
        ...NO_CONTENT,
        '409': { description: 'A different statement has this id.', content: json(ref('XapiError')) },
      },
    }),
    post: operation('xAPI', 'Stores one statement or several', {
      operationId: 'xapi_statements_post',
      requestBody: STATEMENT_BODY,
      responses: {
        '200': {
          description: 'The ids of the statements, in the order sent.',
          content: json({ type: 'array', items: { type: 'string', format: 'uuid' } }, [STATEMENT_EXAMPLE.id]),
        },
        '409': {
          description: 'A different statement has one of these ids.',
          content: json(ref('XapiError')),
        },
      },
    }),
  },
  '/xapi/activities': {
    get: operation('xAPI', 'The canonical definition of an activity', {
      operationId: 'xapi_activities_get',
      parameters: [ACTIVITY_PARAM],
      responses: {
        '200': {
          description: 'The Activity (its id alone when never seen).',
          content: json(ref('XapiActivity')),
        },
      },
    }),
  },
  '/xapi/agents': {
    get: operation('xAPI', 'Everything the LRS knows of an agent, as a Person', {
      operationId: 'xapi_agents_get',
      parameters: [AGENT_PARAM(true)],
      responses: { '200': { description: 'The Person.', content: json(ref('XapiPerson')) } },
    }),
  },
  '/xapi/activities/state': documentResource(
    'xAPI documents',
    'state',
    [
      ACTIVITY_PARAM,
      AGENT_PARAM(true),
      query('registration', 'The registration the state belongs to.', { type: 'string', format: 'uuid' }),
    ],
    'stateId',
    'bookmark',
  ),
  '/xapi/activities/profile': documentResource(
    'xAPI documents',
    'activity profile',
    [ACTIVITY_PARAM],
    'profileId',
    'ho-so-khoa',
  ),
  '/xapi/agents/profile': documentResource(
    'xAPI documents',
    'agent profile',
    [AGENT_PARAM(true)],
    'profileId',
    'ho-so-hoc-vien',
  ),
};

/** Puts the xAPI resources into the description built from the controllers. */
export function describeXapi(document: OpenAPIObject): void {
  Object.assign(document.paths, XAPI_PATHS);
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ...XAPI_SCHEMAS };
}
