/*
 * trackflow-consent.js: the optional consent banner. trackflow.js loads it only when its script tag
 * carries data-consent-banner. It shows the workspace's consent text and policy links (plain text,
 * never markup), offers Accept and Decline with equal weight, and hands the answer to
 * trackflow('consent', …). The answer is remembered on the site, so the banner asks once.
 */
import { readCookie } from './tracker-core';

type BannerConfig = { tracking: boolean; consentRequired: boolean; cookieDays: number; consentText: string | null; privacyPolicyLink: string | null; cookiePolicyLink: string | null };

const CHOICE_COOKIE = 'tf_consent';
const DEFAULT_TEXT = 'We would like to use cookies to learn how visitors find and use this site.';
const page = document;
const tag = page.querySelector<HTMLScriptElement>('script[data-workspace][data-consent-banner]');
const tell = (granted: boolean) => (window as unknown as { trackflow: (...args: unknown[]) => void }).trackflow('consent', granted);

function add<K extends keyof HTMLElementTagNameMap>(parent: HTMLElement, tag: K, text: string): HTMLElementTagNameMap[K] {
  const element = parent.appendChild(page.createElement(tag));
  element.textContent = text;
  return element;
}

function show(config: BannerConfig): void {
  if (!config.tracking || !config.consentRequired) return;
  const banner = page.createElement('div');
  banner.setAttribute('role', 'dialog');
  banner.setAttribute('aria-label', 'Cookie consent');
  banner.setAttribute('aria-describedby', 'tf-consent-text');
  banner.style.cssText =
    'position:fixed;left:1em;right:1em;bottom:1em;z-index:2147483647;max-width:40em;margin:auto;padding:1em;background:#fff;color:#111;border:2px solid #333;border-radius:8px;font:16px/1.4 system-ui,sans-serif';
  const text = add(banner, 'p', config.consentText || DEFAULT_TEXT);
  text.id = 'tf-consent-text';
  for (const [label, href] of [['Privacy policy', config.privacyPolicyLink], ['Cookie policy', config.cookiePolicyLink]]) {
    if (href) {
      const link = add(text, 'a', label as string);
      link.href = href;
      link.style.marginLeft = '.5em';
    }
  }
  for (const [label, granted] of [['Accept', true], ['Decline', false]] as const) {
    const button = add(banner, 'button', label);
    button.type = 'button';
    button.style.cssText = 'margin-right:.5em;padding:.4em 1.2em;font:inherit;cursor:pointer';
    button.onclick = () => {
      page.cookie = `${CHOICE_COOKIE}=${granted ? 1 : 0}; path=/; max-age=${config.cookieDays * 86400}; SameSite=Lax${location.protocol === 'https:' ? '; Secure' : ''}`;
      banner.remove();
      tell(granted);
    };
  }
  // First in the page, so keyboard users meet it before anything else.
  page.body.prepend(banner);
}

const remembered = readCookie(page.cookie, CHOICE_COOKIE);
if (remembered === '1' || remembered === '0') {
  tell(remembered === '1');
} else if (tag) {
  // The same request trackflow.js made: the browser answers it from its cache.
  fetch(`${new URL(tag.src).origin}/api/collect/config?key=${encodeURIComponent(tag.getAttribute('data-workspace') ?? '')}`)
    .then((response) => (response.ok ? response.json() : null))
    .then((config: BannerConfig | null) => config && show(config))
    .catch(() => undefined);
}
