import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { warnOnLowFileLimit } from './observability/file-limit.ts';
import { startServer } from './server.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);

// Nothing a client or a dependency does may end the process unnoticed: a stray rejection is logged; an
// uncaught exception is logged and the node drains (its sockets move to other nodes) before exiting.
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
let stopping: Promise<void> | undefined;
const stop = (code: number) => {
  stopping ??= (async () => {
    await server?.close().catch((err: unknown) => logger.error({ err }, 'graceful stop failed'));
    logger.info({ code }, 'stopped');
    process.exit(code);
  })();
  return stopping;
};
process.on('uncaughtException', (err) => {
  logger.fatal({ err }, 'uncaught exception; draining and exiting');
  void stop(1);
});

let server: Awaited<ReturnType<typeof startServer>> | undefined;
server = await startServer(config, logger);
warnOnLowFileLimit(config.maxSockets ?? 0, logger);

logger.info(
  {
    port: server.port,
    internal: server.internalUrl,
    database: server.app.driver,
    redis: Boolean(config.redisUrl),
  },
  `Last Meter listening on http://localhost:${server.port}`,
);
if (server.demoAccounts.length) {
  const lines = server.demoAccounts.map((a) => `  ${a.username.padEnd(12)} ${a.role}`);
  process.stdout.write(
    `\n最后一米 Last Meter — demo city ready at http://localhost:${server.port}\n` +
      `Demo accounts (password: lastmeter):\n${lines.join('\n')}\n\n`,
  );
}

// SIGTERM (a rolling restart, `docker stop`): not ready, no new connections, sockets told to reconnect
// elsewhere, in-flight requests finished, then exit (docs/operations.md, "Rolling restarts").
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    void stop(0);
  });
}
