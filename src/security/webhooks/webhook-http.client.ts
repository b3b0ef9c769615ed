import { Injectable } from '@nestjs/common';
import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { isNonPublicAddress } from 'src/security/webhooks/webhook-target.util';

export class WebhookTargetRefused extends Error {}

const TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs a delivery. The address a host name resolves to is checked at connection time, inside the
 * socket's own lookup, so a name that points somewhere public when subscribed cannot be re-pointed
 * at this host or its network later (DNS rebinding). Redirects are not followed.
 */
@Injectable()
export class WebhookHttpClient {
  post(url: string, headers: Record<string, string>, body: string, allowPrivate: boolean): Promise<{ status: number }> {
    const target = new URL(url);
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (!allowPrivate && isIP(host) !== 0 && isNonPublicAddress(host)) return Promise.reject(new WebhookTargetRefused(`${host} is a private address`));
    const lookup: LookupFunction = (hostname, options, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
        if (error) return callback(error, '', 0);
        const refused = allowPrivate ? undefined : addresses.find((address) => isNonPublicAddress(address.address));
        if (refused) return callback(new WebhookTargetRefused(`${hostname} resolves to the private address ${refused.address}`), '', 0);
        if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      });
    };
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const request = send(
        target,
        { method: 'POST', lookup, timeout: TIMEOUT_MS, headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) } },
        (response) => {
          let received = 0;
          response.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > MAX_RESPONSE_BYTES) response.destroy();
          });
          response.on('close', () => resolve({ status: response.statusCode ?? 0 }));
          response.on('error', () => resolve({ status: response.statusCode ?? 0 }));
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
      request.on('error', reject);
      request.end(body);
    });
  }
}
