import type { ModuleManifest } from '../../core/module';
import { Tier } from './tier.entity';
import { Segment } from './segment.entity';
import { Campaign } from './campaign.entity';
import { Partner } from './partner.entity';
import { Customer } from './customer.entity';
import { CustomerResolver, PhaseEntryResolver, ReferenceDataResolver } from './customer.resolver';
import { CustomerService } from './customer.service';
import { createCustomerLoaders } from './customer.loaders';
import { ingestedRowsIn } from '../facts/ingestion';
import { createCustomerStatusLoaders } from './customer-status.loaders';
import { CustomerStatusResolver } from './customer-status.resolver';

declare module '../../core/context' {
  interface Services {
    customers: CustomerService;
  }
  interface Loaders extends ReturnType<typeof createCustomerLoaders> {}
  interface Loaders extends ReturnType<typeof createCustomerStatusLoaders> {}
}

/** Customers and the reference data they point at: tiers, segments, campaigns, partners. */
export const customersModule: ModuleManifest = {
  name: 'customers',
  entities: [Tier, Segment, Campaign, Partner, Customer],
  resolvers: [CustomerResolver, CustomerStatusResolver, PhaseEntryResolver, ReferenceDataResolver],
  services: ({ dataSource, registry, reads }) => ({ customers: new CustomerService(dataSource, ingestedRowsIn(registry), reads) }),
  loaders: ({ dataSource, workspaceId, partnerId }) => ({
    ...createCustomerLoaders(dataSource, workspaceId, partnerId),
    ...createCustomerStatusLoaders(dataSource, workspaceId),
  }),
};
