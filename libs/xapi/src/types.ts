import type { Actor, Agent, Statement } from '@xapi/xapi';

export type { Actor, Agent, Statement };
/** A JSON object as parsed from a request, before validation narrows it. */
export type JsonObject = Record<string, unknown>;
