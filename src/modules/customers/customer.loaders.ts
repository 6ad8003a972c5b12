import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { byId, isUuid } from '../../core/loader-factories';
import { Customer } from './customer.entity';
import { Tier } from './tier.entity';
import { Segment } from './segment.entity';
import { Partner } from './partner.entity';
import { Campaign } from './campaign.entity';

/** Customers, tiers, segments, partners and campaigns by id. A PARTNER caller's customer loader sees only its partner's customers. */
export function createCustomerLoaders(dataSource: DataSource, workspaceId: string, partnerId: string | null) {
  return {
    customer: new DataLoader<string, Customer | null>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length
        ? await dataSource
            .getRepository(Customer)
            .find({ where: { workspaceId, id: In(valid), ...(partnerId ? { partnerId } : {}) } })
        : [];
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    tier: byId(dataSource, Tier, workspaceId),
    segment: byId(dataSource, Segment, workspaceId),
    partner: byId(dataSource, Partner, workspaceId),
    campaign: byId(dataSource, Campaign, workspaceId),
  };
}
