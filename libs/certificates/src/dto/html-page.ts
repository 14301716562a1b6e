/** A page of HTML in the API description. */
export const HTML_PAGE = {
  'text/html': {
    schema: { type: 'string' as const },
    example: '<!doctype html><html lang="vi"><head><title>Hocba</title></head><body>…</body></html>',
  },
};
