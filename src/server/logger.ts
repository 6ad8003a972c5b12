import pino, { type Logger } from 'pino';

/** JSON logs in production; readable lines in development when pino-pretty (a dev dependency) is installed. */
export function createLogger(level: string, pretty: boolean): Logger {
  let transport: pino.TransportSingleOptions | undefined;
  if (pretty) {
    try {
      require.resolve('pino-pretty');
      transport = { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } };
    } catch {
      transport = undefined;
    }
  }
  return pino({
    level,
    transport,
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'authorization'], remove: true },
  });
}
