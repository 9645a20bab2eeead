import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startServer } from './server.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const server = await startServer(config, logger);

logger.info(
  { port: server.port, database: server.app.driver, redis: Boolean(config.redisUrl) },
  `Last Meter listening on http://localhost:${server.port}`,
);
if (server.demoAccounts.length) {
  const lines = server.demoAccounts.map((a) => `  ${a.username.padEnd(12)} ${a.role}`);
  process.stdout.write(
    `\n最后一米 Last Meter — demo city ready at http://localhost:${server.port}\n` +
      `Demo accounts (password: lastmeter):\n${lines.join('\n')}\n\n`,
  );
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    logger.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  });
}
