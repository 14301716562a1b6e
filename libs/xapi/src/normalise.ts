import type { JsonObject } from './types';

/**
 * The changes the LRS makes to a valid statement before storing it: a single context Activity
 * (allowed by 1.0.x) becomes a one-element array, as the specification requires it to be returned.
 * Changes the statement in place.
 */
export function normaliseStatement(statement: JsonObject): void {
  const lists = (statement.context as JsonObject | undefined)?.contextActivities as JsonObject | undefined;
  if (lists) {
    for (const key of Object.keys(lists)) {
      if (!Array.isArray(lists[key])) lists[key] = [lists[key]];
    }
  }
  const object = statement.object as JsonObject;
  if (object.objectType === 'SubStatement') normaliseStatement(object);
}
