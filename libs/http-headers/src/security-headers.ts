/**
 * What a browser may do with what Hocba serves, in one place: the web app's page and the pages the
 * server renders (/v/{code}, /l/{token}) get the same headers, and stored xAPI documents are sent so
 * that they can never run in Hocba's origin.
 */

/**
 * Every HTML page: nothing loaded from elsewhere, no framing (clickjacking), no sniffing of another
 * type, and no Referer (a learner link's token is in its URL).
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * An xAPI document as its client stored it (the conformance suite wants its bytes and its
 * Content-Type back unchanged): whatever the type, the browser must not sniff it, and the sandbox
 * gives a page opened from it no origin, no scripts, nothing to load. Anything that is not JSON is
 * a download, not a page.
 */
export function storedDocumentHeaders(mediaType: string | undefined): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'; frame-ancestors 'none'",
    ...(mediaType === 'application/json' ? {} : { 'content-disposition': 'attachment' }),
  };
}
