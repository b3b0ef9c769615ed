import { ValidationFailure } from 'src/common/errors/validation-failure';
import { decodeRequestLogCursor, encodeRequestLogCursor } from 'src/security/request-log/request-log-cursor.util';

describe('request log cursors', () => {
  it('read back the position they were made from', () => {
    const position = { requestTime: new Date('2026-03-02T09:15:00.123Z'), id: '0195f4a2-7c1e-7b3a-9d40-2f6e8a1c5b7d' };
    expect(decodeRequestLogCursor(encodeRequestLogCursor(position), 'after')).toEqual(position);
  });

  it('refuse anything they were not made from, naming the argument', () => {
    for (const cursor of ['', 'bm90IGEgY3Vyc29y', Buffer.from('2026-03-02T09:15:00Z|not-a-uuid').toString('base64url'), Buffer.from('yesterday|0195f4a2-7c1e-7b3a-9d40-2f6e8a1c5b7d').toString('base64url')]) {
      expect(() => decodeRequestLogCursor(cursor, 'after')).toThrow(ValidationFailure);
    }
  });
});
