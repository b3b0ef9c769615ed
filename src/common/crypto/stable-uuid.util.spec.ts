import { stableUuid } from 'src/common/crypto/stable-uuid.util';

describe('stableUuid', () => {
  it('gives the same RFC 9562 version 8 id for the same parts, and another for other parts', () => {
    const id = stableUuid('workspace', 'opportunity', '0');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid('workspace', 'opportunity', '0')).toBe(id);
    expect(stableUuid('workspace', 'opportunity', '1')).not.toBe(id);
    // Parts are separated, so shifting text between them changes the id.
    expect(stableUuid('ab', 'c')).not.toBe(stableUuid('a', 'bc'));
  });
});
