import type { DataSource, EntityManager } from 'typeorm';
import { AppError, ErrorCode, badInput, conflict } from '../../core/errors';
import type { Loaders } from '../../core/context';
import { Metric } from './metric.entity';
import { MetricLink } from './metric-link.entity';
import { checkedWeight, levelRuleProblem, metricNotFound } from './metric.rules';
import type { MetricLinkInput } from './dtos/metric.inputs';

/** The links of metric chains: a child metric drives a parent of a strictly higher level, with a weight. */
export class MetricLinkService {
  constructor(private readonly dataSource: DataSource) {}

  async linksOf(loaders: Loaders, metric: Metric, side: 'parents' | 'children'): Promise<MetricLink[]> {
    const links = await loaders.workspaceLinks.load('all');
    return links.filter((l) => (side === 'parents' ? l.childId === metric.id : l.parentId === metric.id));
  }

  async link(workspaceId: string, input: MetricLinkInput): Promise<MetricLink> {
    const weight = checkedWeight(input.weight ?? 1);
    return this.dataSource.transaction(async (em) => {
      const [child, parent] = await this.linkEnds(em, workspaceId, input);
      const problem = levelRuleProblem(child, parent);
      if (problem) throw badInput([{ path: 'parent', message: problem }]);
      if (await em.getRepository(MetricLink).exists({ where: { workspaceId, childId: child.id, parentId: parent.id } })) {
        throw conflict(`"${child.key}" is already linked to "${parent.key}"; change its weight with reweightMetricLink.`);
      }
      const repo = em.getRepository(MetricLink);
      return repo.save(repo.create({ workspaceId, childId: child.id, parentId: parent.id, weight }));
    });
  }

  async reweight(workspaceId: string, input: MetricLinkInput): Promise<MetricLink> {
    if (input.weight === undefined || input.weight === null) throw badInput([{ path: 'weight', message: 'give the new weight' }]);
    const weight = checkedWeight(input.weight);
    return this.dataSource.transaction(async (em) => {
      const link = await this.findLink(em, workspaceId, input);
      link.weight = weight;
      return em.getRepository(MetricLink).save(link);
    });
  }

  async unlink(workspaceId: string, input: { child: string; parent: string }): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const link = await this.findLink(em, workspaceId, input);
      await em.getRepository(MetricLink).delete({ workspaceId, id: link.id });
      return true;
    });
  }

  private async linkEnds(em: EntityManager, workspaceId: string, input: { child: string; parent: string }): Promise<[Metric, Metric]> {
    const found = await em.getRepository(Metric).find({ where: [{ workspaceId, key: input.child }, { workspaceId, key: input.parent }] });
    const child = found.find((m) => m.key === input.child);
    const parent = found.find((m) => m.key === input.parent);
    if (!child) throw metricNotFound(input.child);
    if (!parent) throw metricNotFound(input.parent);
    return [child, parent];
  }

  private async findLink(em: EntityManager, workspaceId: string, input: { child: string; parent: string }): Promise<MetricLink> {
    const [child, parent] = await this.linkEnds(em, workspaceId, input);
    const link = await em.getRepository(MetricLink).findOne({ where: { workspaceId, childId: child.id, parentId: parent.id } });
    if (!link) throw new AppError(ErrorCode.NOT_FOUND, `"${child.key}" is not linked to "${parent.key}".`, { child: child.key, parent: parent.key });
    return link;
  }
}
