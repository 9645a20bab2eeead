import { createServer, type Server } from 'node:http';

export interface GatewayRequest {
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  body: {
    reference: string;
    phone: string;
    signName: string;
    templateId?: string;
    params?: Record<string, string>;
    text?: string;
  };
}

export type GatewayAnswer = { status: number; retryAfter?: string; body?: unknown };

/**
 * A local HTTP server that behaves like an SMS provider: it accepts (200 with a message id), rate-limits
 * (429 with Retry-After), fails (5xx) or refuses (4xx) as the test scripts it; every request is kept.
 */
export async function startSmsGateway(answer: (request: GatewayRequest, index: number) => GatewayAnswer) {
  const requests: GatewayRequest[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const request: GatewayRequest = {
        authorization: req.headers.authorization,
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
        body: JSON.parse(raw),
      };
      const reply = answer(request, requests.length);
      requests.push(request);
      res.statusCode = reply.status;
      if (reply.retryAfter) res.setHeader('retry-after', reply.retryAfter);
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify(
          reply.body ?? (reply.status < 300 ? { messageId: `m-${requests.length}` } : { code: 'ERR' }),
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/sms/send`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
