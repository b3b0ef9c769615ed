import { SetMetadata } from '@nestjs/common';

export const DOMAIN_EVENT_SUBSCRIBER = 'trackflow:domain-event-subscriber';

/**
 * Something that happened in a feature, which other features may act on. The feature declares it
 * with its payload type (in its `*.events.ts`), so publishers and subscribers agree on the payload
 * without the platform knowing any feature.
 */
export class DomainEvent<P> {
  /** Never set: carries the payload type to publish() and @OnDomainEvent. */
  declare readonly payload: P;

  constructor(readonly name: string) {}
}

/** Makes the method a subscriber of the event; DomainEvents finds it on every provider. */
export function OnDomainEvent<P>(event: DomainEvent<P>) {
  return <R>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<(payload: P) => Promise<R>>): void => {
    SetMetadata(DOMAIN_EVENT_SUBSCRIBER, event.name)(target, key, descriptor);
  };
}
