import { registerEnumType } from 'type-graphql';

export enum Role {
  ADMIN = 'ADMIN',
  EDITOR = 'EDITOR',
  FINANCE = 'FINANCE',
  VIEWER = 'VIEWER',
  INGEST = 'INGEST',
  PARTNER = 'PARTNER',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What an API key may do. Every key carries exactly one role.',
  valuesConfig: {
    ADMIN: { description: 'Everything, API keys and workspace settings included.' },
    EDITOR: { description: 'Read everything; edit journeys, owners, metrics, chains and draft targets.' },
    FINANCE: { description: 'Read everything, approve targets, write costs.' },
    VIEWER: { description: 'Read only.' },
    INGEST: { description: 'Write facts (customers, revenue, costs, invoices, surveys, events) and read them back.' },
    PARTNER: {
      description:
        "Read and write facts, only for the customers of the key's own partner, and read KPIs computed over those customers only (a partner portal).",
    },
  },
});

/** Role groups used by `@Authorized(...)`: one place that says who may do what. */
export const Roles = {
  ADMIN: [Role.ADMIN],
  READ: [Role.ADMIN, Role.EDITOR, Role.FINANCE, Role.VIEWER],
  /** Definitions that hold no workspace data (the KPI catalogue): every key. */
  EVERY_KEY: [Role.ADMIN, Role.EDITOR, Role.FINANCE, Role.VIEWER, Role.INGEST, Role.PARTNER],
  /** KPIs: the READ roles, and a PARTNER key over its own partner's customers only (a partner portal). */
  KPI_READ: [Role.ADMIN, Role.EDITOR, Role.FINANCE, Role.VIEWER, Role.PARTNER],
  EDIT: [Role.ADMIN, Role.EDITOR],
  READ_FACTS: [Role.ADMIN, Role.EDITOR, Role.FINANCE, Role.VIEWER, Role.INGEST, Role.PARTNER],
  WRITE_FACTS: [Role.ADMIN, Role.INGEST, Role.PARTNER],
  WRITE_COSTS: [Role.ADMIN, Role.INGEST, Role.FINANCE],
  /** Workspace-wide reference data facts point at: tiers, campaigns, partners. */
  WRITE_REFERENCE_DATA: [Role.ADMIN, Role.INGEST],
  /** Either kind of fact writer: `deleteFacts` then checks the kind (costs: WRITE_COSTS, the rest: WRITE_FACTS). */
  DELETE_FACTS: [Role.ADMIN, Role.INGEST, Role.PARTNER, Role.FINANCE],
  APPROVE: [Role.ADMIN, Role.FINANCE],
  /** Values of OBSERVED metrics: marketing operations record them by hand, pipelines push them. */
  WRITE_METRIC_VALUES: [Role.ADMIN, Role.EDITOR, Role.INGEST],
} as const;
