import { randomUUID } from 'node:crypto';
import http from 'node:http';
import express from 'express';
import cors from 'cors';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { buildAppSchema } from './schema';
import { createErrorFormatter } from './errors';
import { authenticate } from './auth';
import { buildContext, type GraphQLContext } from './context';
import { createServices, type Services } from './services';
import { currentRequestScope, runInRequestScope } from './request-scope';
import { StatementCounter } from '../db/statement-counter';

export interface AppOptions {
  dataSource: DataSource;
  logger: Logger;
  production: boolean;
}

export interface App {
  httpServer: http.Server;
  services: Services;
  /** Listens on the port (0: a free one) and resolves with the GraphQL URL. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** One line per GraphQL request: id, operation, duration, workspace, key, outcome and SQL statements issued. */
function requestLogPlugin(logger: Logger, production: boolean): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName, errors }) {
          const scope = currentRequestScope();
          // Outside production the statement count is returned too, so that N+1 regressions show in any client.
          if (!production && scope) response.http.headers.set('x-sql-statements', String(scope.statements.count));
          const codes = (errors ?? []).map((e) => e.extensions?.code).filter(Boolean);
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const failed = (errors?.length ?? 0) > 0 || (result?.errors?.length ?? 0) > 0;
          logger.info(
            {
              requestId: contextValue.requestId,
              operation: operationName ?? null,
              durationMs: Number(process.hrtime.bigint() - started) / 1e6,
              workspaceId: contextValue.auth.caller?.workspaceId ?? null,
              keyId: contextValue.auth.caller?.keyId ?? null,
              outcome: failed ? 'error' : 'ok',
              errorCodes: codes.length ? codes : (result?.errors ?? []).map((e) => e.extensions?.code),
              sqlStatements: scope?.statements.count ?? 0,
            },
            'graphql request',
          );
        },
      };
    },
  };
}

export async function createApp(options: AppOptions): Promise<App> {
  const { dataSource, logger } = options;
  const schema = await buildAppSchema();
  const services = createServices(dataSource);
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: !options.production,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(logger),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), requestLogPlugin(logger, options.production)],
  });
  await apollo.start();

  app.use(
    '/graphql',
    cors(),
    // Ingestion batches carry up to 10,000 rows (about 2 MB of customers or events).
    express.json({ limit: '8mb' }),
    (req, res, next) => {
      const header = req.header('x-request-id');
      const requestId = header && REQUEST_ID.test(header) ? header : randomUUID();
      res.setHeader('x-request-id', requestId);
      runInRequestScope({ requestId, statements: new StatementCounter() }, next);
    },
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const scope = currentRequestScope()!;
        const auth = await authenticate(dataSource, req.header('authorization'));
        return buildContext(dataSource, services, scope.requestId, auth);
      },
    }),
  );

  return {
    httpServer,
    services,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          const actual = typeof address === 'object' && address ? address.port : port;
          const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          resolve(`http://${shownHost}:${actual}/graphql`);
        });
      });
    },
    async close() {
      await apollo.stop();
    },
  };
}
