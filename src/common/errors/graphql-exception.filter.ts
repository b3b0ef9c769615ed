import { ArgumentsHost, Catch, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { TrackflowException } from 'src/common/errors/trackflow.exception';
import { ValidationFailure } from 'src/common/errors/validation-failure';

/**
 * Hands every resolver error to Apollo (and so to formatGraphqlError) and logs only the ones that
 * are our fault: a rejected input or a missing scope is the caller's answer, not an incident, and
 * logging each one at ERROR would bury the real failures.
 */
@Catch()
export class GraphqlExceptionFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  private readonly graphqlLogger = new Logger('GraphQL');

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<'graphql' | 'http'>() !== 'graphql') return super.catch(exception, host);
    const expected = exception instanceof ValidationFailure || exception instanceof TrackflowException || (exception instanceof GraphQLError && exception.extensions.code !== undefined);
    if (!expected) this.graphqlLogger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return exception;
  }
}
