import { Busboy, type BusboyInstance } from '@fastify/busboy';
import { findUnstorableText } from '@hocba/xapi';
import { HocbaError, type CodesOf } from '@hocba/errors';

/** An upload (multipart/form-data with a part named file) that cannot be taken. */
export class UploadError extends HocbaError<CodesOf<'upload'>> {}

export interface Upload {
  file: Buffer;
  fileName: string;
  /** The text fields sent with the file. */
  fields: Record<string, string>;
}

/** What a file name decoded from bytes that are not UTF-8 holds (busboy decodes rather than refuses). */
const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * The `file` part and the text fields of a multipart/form-data body (which arrives as raw bytes),
 * read by busboy: file names as browsers send them (raw UTF-8 in `filename`, RFC 5987 `filename*`).
 */
export async function readUpload(contentType: string | undefined, body: unknown): Promise<Upload> {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data') || !Buffer.isBuffer(body))
    throw new UploadError(
      'upload.not_multipart',
      'the request must be multipart/form-data with a part named "file"',
    );
  let parser: BusboyInstance;
  try {
    parser = new Busboy({
      headers: { 'content-type': contentType },
      // A part named "file" is the file even when its sender gave it no file name.
      isPartAFile: (name, _type, fileName) => name === 'file' || fileName !== undefined,
    });
  } catch {
    throw new UploadError(
      'upload.not_multipart',
      'the multipart/form-data Content-Type must carry a boundary parameter',
    );
  }
  const upload = await new Promise<{ file?: Buffer; fileName: string; fields: Record<string, string> }>(
    (resolve, reject) => {
      const read: { file?: Buffer; fileName: string; fields: Record<string, string> } = {
        fileName: '',
        fields: {},
      };
      const unreadable = (error: unknown) =>
        reject(
          new UploadError(
            'upload.unreadable',
            `the multipart body cannot be read: ${(error as Error).message}`,
          ),
        );
      parser.on('file', (name, stream, fileName) => {
        if (name !== 'file') return void stream.resume();
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', unreadable);
        stream.on('end', () => {
          read.file = Buffer.concat(chunks);
          read.fileName = fileName ?? '';
        });
      });
      parser.on('field', (name, value) => {
        read.fields[name] = value;
      });
      parser.on('error', unreadable);
      parser.on('finish', () => resolve(read));
      parser.end(body);
    },
  );
  const { file, fileName, fields } = upload;
  if (!file)
    throw new UploadError(
      'upload.file_missing',
      'file is required: send it as the multipart part named "file"',
      {
        field: 'file',
      },
    );
  if (fileName.includes(REPLACEMENT_CHARACTER))
    throw new UploadError(
      'upload.bad_file_name',
      'file: its name is not UTF-8 (send filename* percent-encoded, RFC 5987)',
      { field: 'file' },
    );
  // The file name and the fields are kept as text (a job's parameters): refused here, by name, if
  // they hold what text cannot.
  const found = findUnstorableText({ 'file name': fileName, ...fields });
  if (found) throw new UploadError('upload.unstorable_text', `${found.path}: ${found.problem}`);
  return { file, fileName, fields };
}
