import { consentFromCookies, PrivacySettings, referrerOrigin, sendsDoNotTrack, trackingLevel } from 'src/privacy/consent/tracking-level.util';

const WORKSPACE = '0b6c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const open: PrivacySettings = { enableTracking: true, cookieConsentRequired: false, respectDoNotTrack: false };
const undecided = { doNotTrack: false, consent: null };

describe('trackingLevel', () => {
  it('tracks a visitor in full when the workspace asks nothing of them', () => {
    expect(trackingLevel(open, undecided)).toBe('identified');
  });

  it('stores nothing at all with tracking off, consent or not', () => {
    expect(trackingLevel({ ...open, enableTracking: false }, undecided)).toBe('none');
    expect(trackingLevel({ ...open, enableTracking: false }, { doNotTrack: false, consent: true })).toBe('none');
  });

  it('counts anonymously until the visitor consents when consent is required', () => {
    const required = { ...open, cookieConsentRequired: true };
    expect(trackingLevel(required, undecided)).toBe('anonymous');
    expect(trackingLevel(required, { doNotTrack: false, consent: false })).toBe('anonymous');
    expect(trackingLevel(required, { doNotTrack: false, consent: true })).toBe('identified');
  });

  it('honours a refusal even when the workspace does not require consent', () => {
    expect(trackingLevel(open, { doNotTrack: false, consent: false })).toBe('anonymous');
  });

  it('lets Do Not Track win over a yes when the workspace respects it, and only then', () => {
    const respecting = { ...open, respectDoNotTrack: true };
    expect(trackingLevel(respecting, { doNotTrack: true, consent: true })).toBe('anonymous');
    expect(trackingLevel(respecting, { doNotTrack: true, consent: null })).toBe('anonymous');
    expect(trackingLevel(respecting, undecided)).toBe('identified');
    expect(trackingLevel(open, { doNotTrack: true, consent: null })).toBe('identified');
  });
});

describe('sendsDoNotTrack', () => {
  it('reads DNT and Sec-GPC, and only the value 1', () => {
    expect(sendsDoNotTrack({ dnt: '1' })).toBe(true);
    expect(sendsDoNotTrack({ 'sec-gpc': '1' })).toBe(true);
    expect(sendsDoNotTrack({ dnt: '0', 'sec-gpc': '0' })).toBe(false);
    expect(sendsDoNotTrack({})).toBe(false);
  });
});

describe('consentFromCookies', () => {
  it("reads the workspace's own consent cookie among others", () => {
    expect(consentFromCookies(`tf_vid=abc12345; tf_consent_${WORKSPACE}=1; other=x`, WORKSPACE)).toBe(true);
    expect(consentFromCookies(`tf_consent_${WORKSPACE}=0`, WORKSPACE)).toBe(false);
  });

  it("ignores another workspace's consent, a bare tf_consent and odd values", () => {
    expect(consentFromCookies(`tf_consent_11111111-2222-4333-8444-555555555555=1`, WORKSPACE)).toBeNull();
    expect(consentFromCookies('tf_consent=1', WORKSPACE)).toBeNull();
    expect(consentFromCookies(`tf_consent_${WORKSPACE}=yes`, WORKSPACE)).toBeNull();
    expect(consentFromCookies(undefined, WORKSPACE)).toBeNull();
  });
});

describe('referrerOrigin', () => {
  it('keeps the origin of a web referrer and drops its path and query', () => {
    expect(referrerOrigin('https://mail.example.com/inbox/123?user=ann@example.com')).toBe('https://mail.example.com');
    expect(referrerOrigin('http://127.0.0.1:8080/page')).toBe('http://127.0.0.1:8080');
  });

  it('gives null for no referrer, an app referrer or text that is no URL', () => {
    expect(referrerOrigin(undefined)).toBeNull();
    expect(referrerOrigin('android-app://com.google.android.gm')).toBeNull();
    expect(referrerOrigin('not a url')).toBeNull();
  });
});
