import { findUnstorableText, multipartBoundary, parseMultipart, XapiValidationError } from '@hocba/xapi';
import { HocbaError, type CodesOf } from '@hocba/errors';

/** An upload (multipart/form-data with a part named file) that cannot be taken. */
export class UploadError extends HocbaError<CodesOf<'upload'>> {}

export interface Upload {
  file: Buffer;
  fileName: string;
  /** The text fields sent with the file. */
  fields: Record<string, string>;
}

/** Parameters of a Content-Disposition header: `form-data; name="file"; filename="Danh sách.xlsx"`. */
function dispositionParams(header: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of header.matchAll(/;\s*([\w*]+)=(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g)) {
    // Browsers send UTF-8 file names as raw bytes; the part headers were read as Latin-1.
    params[m[1].toLowerCase()] = Buffer.from(m[2] ?? m[3] ?? '', 'latin1').toString('utf8');
  }
  const extended = params['filename*'];
  if (extended?.toLowerCase().startsWith("utf-8''")) {
    try {
      params.filename = decodeURIComponent(extended.slice(7));
    } catch {
      throw new UploadError(
        'upload.bad_file_name',
        'file: its filename* is not percent-encoded UTF-8 (RFC 5987)',
        {
          field: 'file',
        },
      );
    }
  }
  return params;
}

/** The `file` part and the text fields of a multipart/form-data body (which arrives as raw bytes). */
export function readUpload(contentType: string | undefined, body: unknown): Upload {
  const boundary = contentType?.toLowerCase().startsWith('multipart/form-data')
    ? multipartBoundary(contentType)
    : undefined;
  if (!boundary || !Buffer.isBuffer(body))
    throw new UploadError(
      'upload.not_multipart',
      'the request must be multipart/form-data with a part named "file"',
    );
  let parts;
  try {
    parts = parseMultipart(body, boundary);
  } catch (error) {
    throw new UploadError(
      'upload.unreadable',
      error instanceof XapiValidationError
        ? `the multipart body ${error.rule}`
        : 'the multipart body cannot be read',
    );
  }
  let file: Buffer | undefined;
  let fileName = '';
  const fields: Record<string, string> = {};
  for (const part of parts) {
    const params = dispositionParams(part.headers['content-disposition'] ?? '');
    if (params.name === 'file') {
      file = part.body;
      fileName = params.filename ?? '';
    } else if (params.name) {
      fields[params.name] = part.body.toString('utf8');
    }
  }
  if (!file)
    throw new UploadError(
      'upload.file_missing',
      'file is required: send it as the multipart part named "file"',
      {
        field: 'file',
      },
    );
  // The file name and the fields are kept as text (a job's parameters): refused here, by name, if
  // they hold what text cannot.
  const found = findUnstorableText({ 'file name': fileName, ...fields });
  if (found) throw new UploadError('upload.unstorable_text', `${found.path}: ${found.problem}`);
  return { file, fileName, fields };
}
