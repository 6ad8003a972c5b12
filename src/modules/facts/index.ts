import type { ModuleManifest } from '../../core/module';
import { Revenue } from './revenue.entity';
import { Cost } from './cost.entity';
import { Invoice } from './invoice.entity';
import { Survey } from './survey.entity';
import { CustomerEvent } from './event.entity';
import { Order } from './order.entity';
import { Refund } from './refund.entity';
import { CostResolver, CustomerEventResolver, FactIngestionResolver, OrderResolver } from './fact.resolver';
import { FactService } from './fact.service';
import { OrderService } from './order.service';
import { createFactLoaders } from './fact.loaders';
import { ingestedRowsIn } from './ingestion';

declare module '../../core/context' {
  interface Services {
    facts: FactService;
    orders: OrderService;
  }
  interface Loaders extends ReturnType<typeof createFactLoaders> {}
}

/** The facts KPIs are computed from: revenue, costs, invoices, surveys, customer events, orders and refunds. */
export const factsModule: ModuleManifest = {
  name: 'facts',
  entities: [Revenue, Cost, Invoice, Survey, CustomerEvent, Order, Refund],
  resolvers: [FactIngestionResolver, CustomerEventResolver, CostResolver, OrderResolver],
  services: ({ dataSource, registry }) => {
    const ingestedRows = ingestedRowsIn(registry);
    return { facts: new FactService(dataSource, ingestedRows), orders: new OrderService(dataSource, ingestedRows) };
  },
  loaders: ({ dataSource, workspaceId }) => createFactLoaders(dataSource, workspaceId),
};
