/**
 * A figure a feature adds to `/healthz` beside the stores (tracking adds its click journal
 * backlog). The health controller finds every provider of this class among Nest's providers, so
 * the platform names no feature.
 */
export abstract class HealthDetail {
  abstract readonly name: string;

  abstract value(): number;
}
