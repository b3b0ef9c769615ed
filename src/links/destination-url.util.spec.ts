import { ValidationFailure } from 'src/common/errors/validation-failure';
import { DESTINATION_URL_MAX_LENGTH, validateDestinationUrl } from 'src/links/destination-url.util';

function messageOf(value: string, field?: string): string {
  try {
    validateDestinationUrl(value, field);
  } catch (error) {
    if (error instanceof ValidationFailure) {
      return error.message;
    }
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
}

const ABSOLUTE = 'destinationUrl: must be an absolute http or https URL';
const CONTROL = 'destinationUrl: must not contain control characters or whitespace';
const HOST = 'destinationUrl: must have a host';
const CREDENTIALS = 'destinationUrl: must not contain credentials';
const TOO_LONG = `destinationUrl: must be at most ${DESTINATION_URL_MAX_LENGTH} characters long`;

describe('validateDestinationUrl', () => {
  it.each([
    ['https://example.com/landing?utm_source=x#top', 'https://example.com/landing?utm_source=x#top'],
    ['http://example.com', 'http://example.com/'],
    ['HTTPS://Example.COM:443/Path', 'https://example.com/Path'],
    ['https://example.com:8443/a', 'https://example.com:8443/a'],
    ['  https://example.com/padded \n', 'https://example.com/padded'],
    ['\ufeff\u00a0https://example.com/unicode-padded\u2028', 'https://example.com/unicode-padded'],
    ['https://bücher.de/straße?q=ü', 'https://xn--bcher-kva.de/stra%C3%9Fe?q=%C3%BC'],
    ['https://example.com/a/../b/./c', 'https://example.com/b/c'],
    ['https://example.com/%0d%0a?q=%0A', 'https://example.com/%0d%0a?q=%0A'],
    ['https://example.com/<script>"x"', 'https://example.com/%3Cscript%3E%22x%22'],
    ['http://127.0.0.1:3000/x', 'http://127.0.0.1:3000/x'],
    ['http://[2001:db8::1]/x', 'http://[2001:db8::1]/x'],
    ['https://example.com/path\\with\\backslashes', 'https://example.com/path/with/backslashes'],
    ['https://example.com/@not-a-user', 'https://example.com/@not-a-user'],
  ])('accepts %p as %p', (input, expected) => {
    expect(validateDestinationUrl(input)).toBe(expected);
  });

  describe('scheme', () => {
    it.each([
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      ' javascript://example.com/%0aalert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.com/file',
      'mailto:someone@example.com',
      '/relative/path',
      'relative/path',
      'example.com',
      '//example.com/protocol-relative',
      '\\\\example.com\\unc',
      'http:example.com',
      'https:/example.com',
      'https:\\\\example.com',
      'httpx://example.com',
      'https//example.com',
    ])('rejects %p', (input) => {
      expect(messageOf(input)).toBe(ABSOLUTE);
    });

    it('rejects text the URL parser refuses', () => {
      expect(messageOf('http://exa<mple.com/')).toBe(ABSOLUTE);
      expect(messageOf('https://example.com:99999/')).toBe(ABSOLUTE);
      expect(messageOf('http://[::1/')).toBe(ABSOLUTE);
    });
  });

  describe('control characters and whitespace', () => {
    it.each([
      ['CR LF in the path', 'https://example.com/\r\nSet-Cookie: x=1'],
      ['LF in the host', 'https://exam\nple.com/'],
      ['TAB in the scheme', 'java\tscript:alert(1)'],
      ['TAB in the path', 'https://example.com/a\tb'],
      ['NUL', 'https://example.com/\u0000'],
      ['a space', 'https://example.com/a b'],
      ['DEL', 'https://example.com/\u007f'],
      ['a C1 control', 'https://example.com/\u0085'],
      ['a no-break space', 'https://example.com/a\u00a0b'],
      ['a zero-width space', 'https://exam\u200bple.com/'],
      ['a right-to-left override', 'https://example.com/\u202egnp.exe'],
      ['a line separator', 'https://example.com/a\u2028b'],
      ['an encoded CR LF in the host', 'https://example.com%0d%0aSet-Cookie:x/'],
      ['an encoded upper-case CR LF in the host', 'https://exa%0D%0Ample.com/'],
      ['an encoded NUL in the host', 'https://exa%00mple.com/'],
      ['an encoded TAB in the host', 'https://exa%09mple.com/'],
      ['an encoded space in the host', 'https://exa%20mple.com/'],
      ['an encoded DEL in the host', 'https://exa%7Fmple.com/'],
    ])('rejects %s', (_label, input) => {
      expect(messageOf(input)).toBe(CONTROL);
    });
  });

  describe('host', () => {
    it.each(['http://', 'https://', 'https:///example.com', 'http:////x', 'https://?q=1', 'https://#x', 'https://\\example.com'])(
      'rejects %p',
      (input) => {
        expect(messageOf(input)).toBe(HOST);
      },
    );
  });

  describe('credentials', () => {
    it.each([
      'https://user:password@example.com/',
      'https://user@example.com/',
      'https://:password@example.com/',
      'https://paypal.com@evil.example/',
    ])('rejects %p', (input) => {
      expect(messageOf(input)).toBe(CREDENTIALS);
    });

    it('accepts an empty user-info, which the normalised URL drops', () => {
      expect(validateDestinationUrl('https://@example.com/x')).toBe('https://example.com/x');
    });
  });

  describe('length', () => {
    const prefix = 'https://example.com/';

    it('accepts exactly the maximum', () => {
      const input = prefix + 'a'.repeat(DESTINATION_URL_MAX_LENGTH - prefix.length);

      expect(validateDestinationUrl(input)).toBe(input);
    });

    it('rejects one character more', () => {
      expect(messageOf(prefix + 'a'.repeat(DESTINATION_URL_MAX_LENGTH - prefix.length + 1))).toBe(TOO_LONG);
    });

    it('measures after trimming', () => {
      const input = prefix + 'a'.repeat(DESTINATION_URL_MAX_LENGTH - prefix.length);

      expect(validateDestinationUrl(`   ${input}   `)).toBe(input);
    });

    it('rejects a URL that only grows past the limit once normalised', () => {
      const input = prefix + 'ü'.repeat(DESTINATION_URL_MAX_LENGTH - prefix.length);

      expect(messageOf(input)).toBe(TOO_LONG);
    });

    it('rejects a huge input without parsing it', () => {
      expect(messageOf(prefix + 'a'.repeat(1_000_000))).toBe(TOO_LONG);
    });
  });

  it('rejects empty and blank values', () => {
    expect(messageOf('')).toBe('destinationUrl: must not be empty');
    expect(messageOf(' \t\r\n ')).toBe('destinationUrl: must not be empty');
  });

  it('rejects a value that is not a string at run time', () => {
    expect(messageOf(undefined as unknown as string)).toBe('destinationUrl: must be a string');
  });

  it('names the field the caller passes', () => {
    expect(messageOf('javascript:alert(1)', 'fallbackUrl')).toBe('fallbackUrl: must be an absolute http or https URL');
  });
});
