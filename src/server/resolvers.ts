import type { NonEmptyArray } from 'type-graphql';
import { WorkspaceResolver } from '../modules/workspaces/workspace.resolver';
import { CustomerResolver, PhaseEntryResolver, ReferenceDataResolver } from '../modules/customers/customer.resolver';
import { CostResolver, CustomerEventResolver, FactIngestionResolver } from '../modules/facts/fact.resolver';
import { JourneyResolver, OwnerResolver, PhaseResolver, ProcessResolver, TouchpointResolver } from '../modules/journeys/journey.resolver';
import { KpiResolver, PhaseFunnelStepResolver } from '../kpi/kpi.resolver';
import { MetricLinkResolver, MetricResolver, OwnerMetricsResolver, PhaseMetricsResolver } from '../modules/metrics/metric.resolver';
import { TargetResolver } from '../modules/targets/target.resolver';

export const resolvers: NonEmptyArray<Function> = [
  WorkspaceResolver,
  JourneyResolver,
  PhaseResolver,
  ProcessResolver,
  TouchpointResolver,
  OwnerResolver,
  CustomerResolver,
  PhaseEntryResolver,
  ReferenceDataResolver,
  FactIngestionResolver,
  CustomerEventResolver,
  CostResolver,
  KpiResolver,
  PhaseFunnelStepResolver,
  MetricResolver,
  MetricLinkResolver,
  PhaseMetricsResolver,
  OwnerMetricsResolver,
  TargetResolver,
];
