import { Injectable } from '@nestjs/common';
import { HocbaConfig } from '@hocba/config';
import {
  documentEtag,
  etagMatches,
  mergeJsonDocuments,
  type JsonObject,
  type XapiVersion,
} from '@hocba/xapi';
import { mediaType, parseJson } from '../http/request-body';
import { LrsError } from '../lrs.errors';
import type { DocumentAddress, DocumentRequest } from './document-params';
import { DocumentsRepository, type DocumentChange, type StoredDocument } from './documents.repository';

export interface Preconditions {
  ifMatch?: string;
  ifNoneMatch?: string;
}

export interface IncomingDocument {
  contentType: string | undefined;
  content: Buffer;
}

const JSON_TYPE = 'application/json';

function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The rules of the document resources: preconditions, merging, what each version demands. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly repository: DocumentsRepository,
    private readonly config: HocbaConfig,
  ) {}

  get(request: DocumentRequest & { documentId: string }): Promise<StoredDocument | undefined> {
    return this.repository.find(request.address, request.documentId);
  }

  listIds(request: DocumentRequest): Promise<{ ids: string[]; lastUpdated?: Date }> {
    return this.repository.listIds(request.address, request.since);
  }

  /** PUT: the document replaces whatever was there, if the preconditions allow. */
  async put(
    request: DocumentRequest & { documentId: string },
    incoming: IncomingDocument,
    conditions: Preconditions,
    version: XapiVersion,
  ): Promise<void> {
    const document = this.accept(incoming);
    // xAPI 2.0.0 asks every document resource, 1.0.3 only the profiles, to refuse a blind overwrite;
    // 1.0.3 (as its conformance suite reads it) wants a precondition on every profile PUT.
    const profile = request.address.resource !== 'state';
    const blindOverwriteRefused = version === '2.0.0' || profile;
    const preconditionRequired = version === '1.0.3' && profile;
    await this.repository.change(request.address, request.documentId, (current) => {
      this.check(conditions, current);
      const blind = conditions.ifMatch === undefined && conditions.ifNoneMatch === undefined;
      if (blind && current && blindOverwriteRefused) {
        throw new LrsError(
          'lrs.conflict',
          'The document exists: send If-Match with its ETag to replace it, or If-None-Match: * to create it only when absent',
        );
      }
      if (blind && preconditionRequired) {
        throw new LrsError(
          'lrs.bad_request',
          'A profile PUT needs If-Match (to replace) or If-None-Match: * (to create) in xAPI 1.0.3',
        );
      }
      return document;
    });
  }

  /** POST: a JSON object is merged into the stored JSON object; anything else is stored when nothing is there. */
  async post(
    request: DocumentRequest & { documentId: string },
    incoming: IncomingDocument,
    conditions: Preconditions,
  ): Promise<void> {
    const document = this.accept(incoming);
    const incomingJson =
      document.contentType === JSON_TYPE ? this.jsonObject(document.content, 'The document') : undefined;
    await this.repository.change(request.address, request.documentId, (current) => {
      this.check(conditions, current);
      if (!current) return document;
      if (incomingJson === undefined || mediaType(current.contentType) !== JSON_TYPE) {
        throw new LrsError(
          'lrs.bad_request',
          'POST merges JSON documents only: the stored and the sent document must both be application/json objects',
        );
      }
      const merged = mergeJsonDocuments(
        this.jsonObject(current.content, 'The stored document'),
        incomingJson,
      );
      return this.version(JSON_TYPE, Buffer.from(JSON.stringify(merged), 'utf8'));
    });
  }

  async delete(request: DocumentRequest, conditions: Preconditions): Promise<void> {
    if (request.documentId === undefined) {
      if (conditions.ifMatch !== undefined)
        throw new LrsError('lrs.bad_request', 'If-Match applies to one document; name it with stateId');
      return this.repository.deleteAll(request.address);
    }
    await this.repository.change(request.address, request.documentId, (current): DocumentChange => {
      this.check(conditions, current);
      return 'delete';
    });
  }

  private accept(incoming: IncomingDocument): {
    contentType: string;
    content: Buffer;
    etag: string;
    updated: Date;
  } {
    const limit = this.config.HOCBA_XAPI_DOCUMENT_LIMIT;
    if (incoming.content.length > limit) {
      throw new LrsError(
        'lrs.too_large',
        `The document is ${incoming.content.length} bytes; this LRS stores documents of at most ${limit} bytes`,
      );
    }
    const type = mediaType(incoming.contentType);
    // A JSON document is kept byte for byte but must be JSON; its type is stored without parameters.
    if (type === JSON_TYPE) parseJson(incoming.content, 'The document');
    return this.version(
      type === JSON_TYPE ? JSON_TYPE : (incoming.contentType ?? 'application/octet-stream'),
      incoming.content,
    );
  }

  private version(
    contentType: string,
    content: Buffer,
  ): { contentType: string; content: Buffer; etag: string; updated: Date } {
    return { contentType, content, etag: documentEtag(content), updated: new Date() };
  }

  private jsonObject(content: Buffer, what: string): JsonObject {
    const value = parseJson(content, what);
    if (!isJsonObject(value))
      throw new LrsError('lrs.bad_request', `${what} must be a JSON object to be merged`);
    return value;
  }

  /** If-Match and If-None-Match (RFC 7232): 412 when the document is not in the state the client expects. */
  private check(conditions: Preconditions, current: StoredDocument | undefined): void {
    if (conditions.ifMatch !== undefined && !etagMatches(conditions.ifMatch, current?.etag)) {
      throw new LrsError(
        'lrs.precondition_failed',
        current
          ? "If-Match does not match the document's current ETag"
          : 'If-Match was sent but there is no such document',
      );
    }
    if (conditions.ifNoneMatch !== undefined && etagMatches(conditions.ifNoneMatch, current?.etag)) {
      throw new LrsError('lrs.precondition_failed', 'If-None-Match matches the existing document');
    }
  }
}

export type { DocumentAddress };
