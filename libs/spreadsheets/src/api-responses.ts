import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { XLSX_TYPE } from './write-table';

/** A file in the OpenAPI description: its bytes, as the media type says. */
export const FILE_SCHEMA = { type: 'string', format: 'binary' } as const;

/**
 * Describes an answer that tableDownload may send: the table as CSV (UTF-8 with BOM) or XLSX, and,
 * when the handler also answers JSON (`format=json`), the JSON body's model (`[Model]` for a list).
 */
export function ApiTableResponse(options: {
  description: string;
  json?: Type<unknown> | [Type<unknown>];
  status?: number;
}): MethodDecorator & ClassDecorator {
  const model = Array.isArray(options.json) ? options.json[0] : options.json;
  const jsonSchema = model && {
    'application/json': {
      schema: Array.isArray(options.json)
        ? { type: 'array' as const, items: { $ref: getSchemaPath(model) } }
        : { $ref: getSchemaPath(model) },
    },
  };
  return applyDecorators(
    ...(model ? [ApiExtraModels(model)] : []),
    ApiResponse({
      status: options.status ?? 200,
      description: options.description,
      content: {
        ...jsonSchema,
        // The media type without its charset parameter: tableDownload's CSV is always UTF-8.
        'text/csv': { schema: FILE_SCHEMA },
        [XLSX_TYPE]: { schema: FILE_SCHEMA },
      },
    }),
  );
}

/** Describes a file answer (a PDF, a ZIP, a spreadsheet) of the given media types. */
export function ApiFileResponse(
  description: string,
  ...mediaTypes: string[]
): MethodDecorator & ClassDecorator {
  return ApiResponse({
    status: 200,
    description,
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: FILE_SCHEMA }])),
  });
}
