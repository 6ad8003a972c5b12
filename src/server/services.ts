import type { DataSource } from 'typeorm';
import { WorkspaceService } from '../modules/workspaces/workspace.service';
import { JourneyService } from '../modules/journeys/journey.service';
import { CustomerService } from '../modules/customers/customer.service';
import { FactService } from '../modules/facts/fact.service';
import { KpiService } from '../kpi/kpi.service';
import { MetricService } from '../modules/metrics/metric.service';
import { TargetService } from '../modules/targets/target.service';

/** The services, made once per process; every method takes the caller's workspace id. */
export function createServices(dataSource: DataSource) {
  const kpi = new KpiService(dataSource);
  return {
    workspaces: new WorkspaceService(dataSource),
    journeys: new JourneyService(dataSource),
    customers: new CustomerService(dataSource),
    facts: new FactService(dataSource),
    kpi,
    metrics: new MetricService(dataSource, kpi),
    targets: new TargetService(dataSource),
  };
}

export type Services = ReturnType<typeof createServices>;
