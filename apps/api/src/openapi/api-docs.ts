import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  DocumentBuilder,
  getSchemaPath,
  SwaggerModule,
  type OpenAPIObject,
  type OperationObject,
  type ResponseObject,
} from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto';
import { describeXapi } from './xapi-description';

/** A code an error of each status may carry, for the examples (the registry is libs/errors' ERROR_CODES). */
const CODE_EXAMPLES: Record<string, string> = {
  '401': 'auth.unauthenticated',
  '403': 'auth.forbidden',
  '404': 'resource.not_found',
  '409': 'request.conflict',
  '410': 'resource.gone',
  '429': 'request.rate_limited',
  '503': 'service.unavailable',
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The OpenAPI description of every route (xAPI, administration, reports), built from the
 * controllers on first request and served as JSON at /docs (YAML at /docs/openapi.yaml).
 *
 * Request and response bodies are described by @ApiProperty on the DTO classes, next to their
 * class-validator rules (the build is plain tsc, so the @nestjs/swagger CLI plugin that would infer
 * them does not run); test/api-docs.e2e-spec.ts holds the two to the same rules.
 */
export function installApiDocs(app: NestFastifyApplication): void {
  const description = new DocumentBuilder()
    .setTitle('Hocba')
    .setDescription(
      'Course tracking for national online training programs: an xAPI Learning Record Store, enrollment, funnel reports and certificates.',
    )
    .setVersion('1')
    .addBearerAuth()
    .addBasicAuth()
    .build();
  SwaggerModule.setup('docs', app, () => buildApiDocument(app, description), {
    ui: false,
    jsonDocumentUrl: 'docs',
    yamlDocumentUrl: 'docs/openapi.yaml',
  });
}

function buildApiDocument(
  app: NestFastifyApplication,
  description: Omit<OpenAPIObject, 'paths'>,
): OpenAPIObject {
  const document = SwaggerModule.createDocument(app, description, { extraModels: [ErrorResponseDto] });
  describeErrors(document);
  describeXapi(document);
  return document;
}

/**
 * Every error of the API has one body (ErrorResponseDto). Handlers say when they answer which
 * status (@ApiConflictResponse…); the body is given here once, with the statuses every operation
 * may answer: 400 when it takes a body or parameters, 401 when it needs credentials, and any other.
 */
function describeErrors(document: OpenAPIObject): void {
  const body = (example: ErrorResponseDto) => ({
    'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) }, example },
  });
  const error = (statusCode: number, code: string, message: string) => body({ statusCode, code, message });
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation: OperationObject | undefined = item[method];
      if (!operation) continue;
      const responses = operation.responses as Record<string, ResponseObject>;
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) >= 400 && !response.content)
          response.content = error(
            Number(status),
            CODE_EXAMPLES[status] ?? 'request.invalid',
            response.description,
          );
      }
      if ((operation.requestBody || operation.parameters?.length) && !responses['400'])
        responses['400'] = {
          description:
            'A parameter or a field of the body breaks a rule; message names the field and the rule.',
          content: body({
            statusCode: 400,
            code: 'validation.failed',
            message: 'startsOn must be a date (YYYY-MM-DD)',
            errors: [
              { field: 'startsOn', rule: 'isDateString', message: 'startsOn must be a date (YYYY-MM-DD)' },
            ],
          }),
        };
      if (operation.security?.length && !responses['401'])
        responses['401'] = {
          description: 'No credentials, or credentials no longer valid.',
          content: error(401, 'auth.unauthenticated', 'The access token is missing, expired or revoked'),
        };
      responses.default ??= {
        description: `Any other error of ${method.toUpperCase()} ${path}.`,
        content: error(500, 'server.internal_error', 'Internal server error'),
      };
    }
  }
}
