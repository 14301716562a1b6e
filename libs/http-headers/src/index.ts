export { PAGE_HEADERS, storedDocumentHeaders } from './security-headers';
