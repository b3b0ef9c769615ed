import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';

/** A provider's method carrying a decorator's metadata, bound to its instance. */
export type DecoratedMethod<M> = { metadata: M; owner: string; call: (...args: unknown[]) => Promise<unknown> };

/**
 * Every method of Nest's providers marked with the metadata `key` (job handlers, domain event
 * subscribers). Providers scoped to a request are left out: there is no one instance to call.
 */
export function decoratedMethods<M>(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector, key: string): DecoratedMethod<M>[] {
  const found: DecoratedMethod<M>[] = [];
  for (const wrapper of discovery.getProviders()) {
    const instance: unknown = wrapper.instance;
    if (!wrapper.isDependencyTreeStatic() || typeof instance !== 'object' || instance === null) continue;
    const prototype: object | null = Object.getPrototypeOf(instance);
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const method: unknown = Reflect.get(instance, methodName);
      if (typeof method !== 'function') continue;
      const metadata = reflector.get<M | undefined>(key, method);
      if (metadata === undefined) continue;
      const call = (...args: unknown[]) => (method as (...args: unknown[]) => Promise<unknown>).apply(instance, args);
      found.push({ metadata, owner: `${instance.constructor.name}.${methodName}`, call });
    }
  }
  return found;
}
