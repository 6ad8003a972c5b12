import { registerEnumType } from 'type-graphql';

export enum TargetStatus {
  DRAFT = 'DRAFT',
  APPROVED = 'APPROVED',
}
registerEnumType(TargetStatus, {
  name: 'TargetStatus',
  description: 'Where a target stands in its approval. Only APPROVED targets appear in KPIs, the matrix, chains and scorecards.',
  valuesConfig: {
    DRAFT: { description: 'Drafted (or changed after approval) by an EDITOR or ADMIN key; not shown against values yet.' },
    APPROVED: { description: 'Approved by a FINANCE or ADMIN key.' },
  },
});
