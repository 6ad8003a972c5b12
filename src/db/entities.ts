import { Workspace } from '../modules/workspaces/workspace.entity';
import { ApiKey } from '../modules/workspaces/api-key.entity';
import { Owner } from '../modules/journeys/owner.entity';
import { Journey } from '../modules/journeys/journey.entity';
import { Phase } from '../modules/journeys/phase.entity';
import { PhaseProcess } from '../modules/journeys/phase-process.entity';
import { Touchpoint } from '../modules/journeys/touchpoint.entity';
import { Tier } from '../modules/customers/tier.entity';
import { Campaign } from '../modules/customers/campaign.entity';
import { Partner } from '../modules/customers/partner.entity';
import { Customer } from '../modules/customers/customer.entity';
import { Revenue } from '../modules/facts/revenue.entity';
import { Cost } from '../modules/facts/cost.entity';
import { Invoice } from '../modules/facts/invoice.entity';
import { Survey } from '../modules/facts/survey.entity';
import { CustomerEvent } from '../modules/facts/event.entity';
import { Metric } from '../modules/metrics/metric.entity';
import { MetricLink } from '../modules/metrics/metric-link.entity';
import { MetricValue } from '../modules/metrics/metric-value.entity';
import { Target } from '../modules/targets/target.entity';

/** Every entity, in one list: the DataSource and the migration generator read it. */
export const entities = [
  Workspace, ApiKey, Owner, Journey, Phase, PhaseProcess, Touchpoint,
  Tier, Campaign, Partner, Customer, Revenue, Cost, Invoice, Survey, CustomerEvent,
  Metric, MetricLink, MetricValue, Target,
];
