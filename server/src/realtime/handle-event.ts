import { ERROR_MESSAGES, type SocketAck, type SocketError } from '@lastmeter/shared';
import type { z } from 'zod';
import { type AppError, toAppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { parseInput } from '../validation.ts';
import type { LmSocket } from './socket-types.ts';

/**
 * The socket counterpart of a route: validates the payload with its shared schema, runs the
 * handler, and answers through the ack callback with the same error codes as HTTP. Nothing a client
 * sends can throw out of here. Clients that pass no callback get no answer.
 */
export function onEvent<S extends z.ZodType, R extends object>(
  socket: LmSocket,
  logger: Logger,
  event: string,
  schema: S,
  handler: (input: z.output<S>) => Promise<R>,
  /** Told of every refusal (invalid input included), e.g. to count it by reason. */
  onRefused?: (error: AppError) => void,
): void {
  // Typed event maps do not fit a payload we have not validated yet: register through the untyped view.
  const untyped = socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void };
  untyped.on(event, (...args: unknown[]) => {
    const ack =
      typeof args.at(-1) === 'function' ? (args.at(-1) as (reply: SocketAck<R>) => void) : undefined;
    const payload = ack && args.length === 1 ? undefined : args[0];
    const reply = (value: SocketAck<R>) => {
      if (ack) ack(value);
    };
    const locale = socket.data.actor.locale;
    void (async () => {
      try {
        const input = parseInput(schema, payload, '', locale);
        const result = await handler(input);
        reply({ ok: true, ...result });
      } catch (thrown) {
        const error = toAppError(thrown);
        onRefused?.(error);
        if (error.status >= 500) logger.error({ err: thrown, event }, 'socket handler failed');
        const body: SocketError = { code: error.code, message: ERROR_MESSAGES[error.code][locale] };
        if (error.issues) body.issues = error.issues;
        const retry = error.extra.retryAfterSeconds;
        if (typeof retry === 'number') body.retryAfterSeconds = retry;
        reply({ ok: false, error: body });
      }
    })();
  });
}
