import { referrerHost } from 'src/attribution/engine/channels/referrer-host.util';

describe('referrerHost', () => {
  it.each([
    ['https://www.Google.com/search?q=a', 'google.com'],
    ['http://news.ycombinator.com:8080/item', 'news.ycombinator.com'],
    ['blog.example.com/post?id=1', 'blog.example.com'],
    ['android-app://com.google.android.gm/', 'com.google.android.gm'],
    ['https://example.com./', 'example.com'],
    ['', ''],
    [null, ''],
    [undefined, ''],
    ['not a url at all', ''],
  ])('%p → %p', (referrer, host) => {
    expect(referrerHost(referrer)).toBe(host);
  });
});
