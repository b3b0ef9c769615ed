import { ValidationFailure } from 'src/common/errors/validation-failure';
import { isUuid } from 'src/common/validation/input-rules';

/** Where a page of the request log ended: the last row's time and id (ids break ties within a millisecond). */
export type RequestLogPosition = { requestTime: Date; id: string };

export function encodeRequestLogCursor(position: RequestLogPosition): string {
  return Buffer.from(`${position.requestTime.toISOString()}|${position.id}`).toString('base64url');
}

/** Reads back a cursor this API gave; anything else is refused rather than read as the start. */
export function decodeRequestLogCursor(cursor: string, field: string): RequestLogPosition {
  const [time, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const requestTime = new Date(time);
  if (rest.length > 0 || !id || !isUuid(id) || Number.isNaN(requestTime.getTime())) throw new ValidationFailure(field, 'is not a cursor of this query');
  return { requestTime, id };
}
