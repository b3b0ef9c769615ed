import { ValidationFailure } from 'src/common/errors/validation-failure';

describe('ValidationFailure', () => {
  it('names the field and the rule in its message', () => {
    const failure = new ValidationFailure('destinationUrl', 'must be an absolute http or https URL');

    expect(failure.message).toBe('destinationUrl: must be an absolute http or https URL');
    expect(failure.field).toBe('destinationUrl');
    expect(failure.rule).toBe('must be an absolute http or https URL');
    expect(failure.name).toBe('ValidationFailure');
  });

  it('is an Error that callers can recognise with instanceof', () => {
    const failure: unknown = new ValidationFailure('shortCode', 'is a reserved word');

    expect(failure).toBeInstanceOf(Error);
    expect(failure).toBeInstanceOf(ValidationFailure);
    expect(String(failure)).toBe('ValidationFailure: shortCode: is a reserved word');
  });
});
