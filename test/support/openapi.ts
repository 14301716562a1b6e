import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIObject, OperationObject, ParameterObject, SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

/**
 * Reading the API description the way a client generator would: its bodies, the examples a reader
 * is shown, and the rules each schema states. The document is the dereferenced one
 * (@apidevtools/swagger-parser's validate answers it), so every schema here is inline.
 */

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface Operation extends OperationObject {
  path: string;
  method: string;
}

/** A request or response body of one media type. */
export interface Body {
  /** "POST /api/v1/cohorts request (application/json)" or "… 201 response (…)". */
  where: string;
  operation: Operation;
  status?: string;
  mediaType: string;
  schema?: SchemaObject;
  example?: unknown;
}

export function operationsOf(doc: OpenAPIObject): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ ...operation, path, method }] : [];
    }),
  );
}

export function bodiesOf(doc: OpenAPIObject): Body[] {
  const out: Body[] = [];
  for (const operation of operationsOf(doc)) {
    const name = `${operation.method.toUpperCase()} ${operation.path}`;
    const request = operation.requestBody as { content?: Record<string, MediaType> } | undefined;
    for (const [mediaType, media] of Object.entries(request?.content ?? {}))
      out.push({ where: `${name} request (${mediaType})`, operation, mediaType, ...exampleHost(media) });
    const responses = operation.responses as Record<string, { content?: Record<string, MediaType> }>;
    for (const [status, response] of Object.entries(responses))
      for (const [mediaType, media] of Object.entries(response.content ?? {}))
        out.push({
          where: `${name} ${status} response (${mediaType})`,
          operation,
          status,
          mediaType,
          ...exampleHost(media),
        });
  }
  return out;
}

interface MediaType {
  schema?: SchemaObject;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

function exampleHost(media: MediaType): { schema?: SchemaObject; example?: unknown } {
  const example = media.example ?? Object.values(media.examples ?? {})[0]?.value;
  return { schema: media.schema, example };
}

/** The bytes of a file: a body (or a multipart part) a JSON example cannot show. */
export const isFile = (schema: SchemaObject) => schema.type === 'string' && schema.format === 'binary';

/**
 * Where a schema says nothing: an object without properties (and without additionalProperties),
 * an array without items, a schema without a type. Answers the places, as paths inside the body.
 */
export function emptyPlaces(schema: SchemaObject | undefined, at = '(body)'): string[] {
  if (!schema) return [at];
  const alternatives = [
    ...(schema.oneOf ?? []),
    ...(schema.anyOf ?? []),
    ...(schema.allOf ?? []),
  ] as SchemaObject[];
  if (alternatives.length > 0) return alternatives.flatMap((s) => emptyPlaces(s, at));
  if (schema.type === 'array')
    return schema.items ? emptyPlaces(schema.items as SchemaObject, `${at}[]`) : [`${at} (no items)`];
  if (schema.type === 'object' || schema.properties) {
    const properties = Object.entries(schema.properties ?? {});
    if (properties.length === 0) return schema.additionalProperties ? [] : [`${at} (no properties)`];
    return properties.flatMap(([name, s]) => emptyPlaces(s as SchemaObject, `${at}.${name}`));
  }
  return schema.type ? [] : [`${at} (no type)`];
}

/**
 * The example a reader is shown for a schema: its own, or one composed from its properties' and
 * items' examples, as documentation tools compose them. A file part stands as a placeholder.
 * `missing` collects the places that have none.
 */
export function exampleOf(schema: SchemaObject, missing: string[] = [], at = '(body)'): unknown {
  if (schema.example !== undefined) return schema.example;
  if (isFile(schema)) return '(the file)';
  const alternative = (schema.oneOf ?? schema.anyOf ?? schema.allOf)?.[0] as SchemaObject | undefined;
  if (alternative) return exampleOf(alternative, missing, at);
  if (schema.type === 'array' && schema.items)
    return [exampleOf(schema.items as SchemaObject, missing, `${at}[]`)];
  if (schema.properties && Object.keys(schema.properties).length > 0)
    return Object.fromEntries(
      Object.entries(schema.properties).map(([name, s]) => [
        name,
        exampleOf(s as SchemaObject, missing, `${at}.${name}`),
      ]),
    );
  missing.push(at);
  return undefined;
}

/**
 * OpenAPI 3.0's schema dialect as JSON Schema, for Ajv: `nullable` becomes "or null" (also around
 * an allOf that wraps a nullable reference, which Ajv's own `nullable` support does not cover), and
 * the annotation `example` is dropped.
 */
export function jsonSchemaOf(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(jsonSchemaOf);
  if (schema === null || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  delete rest.example;
  const converted = Object.fromEntries(
    Object.entries(rest).map(([k, v]) => [
      k,
      // Property maps hold schemas by name; a schema keyword's value is converted as a schema.
      k === 'properties' && v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([name, s]) => [name, jsonSchemaOf(s)]))
        : k === 'enum' || k === 'required' || k === 'default'
          ? v
          : jsonSchemaOf(v),
    ]),
  );
  return nullable ? { anyOf: [{ type: 'null' }, converted] } : converted;
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
// OpenAPI's own formats: annotations only.
ajv.addFormat('binary', true);
ajv.addFormat('password', true);

/** The places where a value breaks an OpenAPI schema, as Ajv words them; empty when it fits. */
export function mismatches(schema: SchemaObject, value: unknown): string[] {
  const validate: ValidateFunction = ajv.compile(jsonSchemaOf(schema) as object);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}`.trim());
}

/** A handler's query parameters as one object schema, to compare with its query DTO. */
export function querySchema(parameters: ParameterObject[]): SchemaObject {
  const query = parameters.filter((p) => p.in === 'query');
  return {
    type: 'object',
    properties: Object.fromEntries(query.map((p) => [p.name, p.schema as SchemaObject])),
    required: query.filter((p) => p.required).map((p) => p.name),
  };
}

type Class = new (...args: unknown[]) => unknown;

/**
 * Where a DTO's schema and its class-validator rules disagree, one line each: a validated field the
 * schema does not list (or the reverse: the pipe refuses unlisted fields), a field required by one
 * and optional in the other, and each rule (length, range, pattern, enum, array size, type,
 * format) missing from the schema or stated differently. Nested DTOs are compared too.
 */
export function ruleMismatches(dto: Class, schema: SchemaObject, at = dto.name): string[] {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const problems: string[] = [];
  const byProperty = new Map<string, typeof metadatas>();
  for (const m of metadatas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  const properties = (schema.properties ?? {}) as Record<string, SchemaObject>;
  const required = new Set(schema.required ?? []);
  for (const name of Object.keys(properties))
    if (!byProperty.has(name))
      problems.push(`${at}.${name}: in the schema, but the validation pipe refuses it`);
  for (const [name, rules] of byProperty) {
    const field = `${at}.${name}`;
    const property = properties[name];
    if (!property) {
      problems.push(`${field}: validated, but not in the schema`);
      continue;
    }
    const optional = rules.some((r) => r.type === 'conditionalValidation');
    if (optional === required.has(name))
      problems.push(`${field}: ${optional ? 'optional' : 'required'} by its rules, not in the schema`);
    const own = (property.allOf?.[0] as SchemaObject | undefined) ?? property;
    for (const rule of rules) {
      const target = rule.each ? ((own.items as SchemaObject | undefined) ?? {}) : own;
      const expect = (what: string, ok: boolean) => {
        if (!ok) problems.push(`${field}: @${rule.name} is not stated as ${what} in the schema`);
      };
      const [c0] = (rule.constraints ?? []) as unknown[];
      switch (rule.name ?? '') {
        case 'isString':
          expect('type string', target.type === 'string');
          break;
        case 'isInt':
          expect('type integer', target.type === 'integer');
          break;
        case 'isNumber':
          expect('type number', target.type === 'number' || target.type === 'integer');
          break;
        case 'isBoolean':
          expect('type boolean', target.type === 'boolean');
          break;
        case 'isArray':
          expect('type array', target.type === 'array');
          break;
        case 'isObject':
          expect('an object', target.type === 'object' || target.properties !== undefined);
          break;
        case 'maxLength':
          expect(`maxLength ${String(c0)}`, target.maxLength === c0);
          break;
        case 'minLength':
          expect(`minLength ${String(c0)}`, target.minLength === c0);
          break;
        case 'min':
          expect(`minimum ${String(c0)}`, target.minimum === c0);
          break;
        case 'max':
          expect(`maximum ${String(c0)}`, target.maximum === c0);
          break;
        case 'arrayMinSize':
          expect(`minItems ${String(c0)}`, own.minItems === c0);
          break;
        case 'arrayMaxSize':
          expect(`maxItems ${String(c0)}`, own.maxItems === c0);
          break;
        case 'matches':
          expect(`pattern ${String(c0)}`, target.pattern === (c0 as RegExp).source);
          break;
        case 'isIn':
          expect(
            `enum ${JSON.stringify(c0)}`,
            JSON.stringify([...(target.enum ?? [])].sort()) === JSON.stringify([...(c0 as unknown[])].sort()),
          );
          break;
        case 'isUuid':
          expect('format uuid', target.format === 'uuid');
          break;
        case 'isUrl':
          expect('format uri', target.format === 'uri');
          break;
        case 'isDateString':
          expect('format date', target.format === 'date');
          break;
        default:
          if (rule.type === 'nestedValidation') {
            const nested = Reflect.getMetadata('design:type', dto.prototype as object, name) as
              Class | undefined;
            if (nested && nested !== Object && nested !== Array)
              problems.push(...ruleMismatches(nested, own, field));
          } else if (rule.type === 'customValidation') {
            problems.push(
              `${field}: @${rule.name} has no counterpart known to this check: teach it the rule`,
            );
          }
      }
    }
  }
  return problems;
}
