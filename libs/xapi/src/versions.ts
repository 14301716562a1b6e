import { XapiValidationError } from './errors';

/** The xAPI versions this LRS speaks, newest first; a request picks one with X-Experience-API-Version. */
export const SUPPORTED_VERSIONS = ['2.0.0', '1.0.3'] as const;
export type XapiVersion = (typeof SUPPORTED_VERSIONS)[number];

/**
 * Maps the X-Experience-API-Version header to the version the request is served in: any 1.0.x is
 * served as 1.0.3 (the patch versions are compatible), any 2.0.x as 2.0.0.
 */
export function negotiateVersion(header: string | undefined): XapiVersion {
  if (header === undefined || header.trim() === '') {
    throw new XapiValidationError('X-Experience-API-Version header', 'is required (1.0.3 or 2.0.0)');
  }
  const value = header.trim();
  if (/^1\.0(\.\d+)?$/.test(value)) return '1.0.3';
  if (/^2\.0(\.\d+)?$/.test(value)) return '2.0.0';
  throw new XapiValidationError(
    'X-Experience-API-Version header',
    `"${value.slice(0, 40)}" is not a supported version (1.0.x or 2.0.x)`,
  );
}
