import { registerEnumType } from 'type-graphql';

export enum RevenueType {
  RECURRING = 'RECURRING',
  ONE_TIME = 'ONE_TIME',
  SERVICES = 'SERVICES',
}
registerEnumType(RevenueType, {
  name: 'RevenueType',
  description: 'Kind of revenue. Only RECURRING revenue counts as MRR.',
});

export enum CostCategory {
  ACQUISITION = 'ACQUISITION',
  RETENTION = 'RETENTION',
  SERVICING = 'SERVICING',
  COGS = 'COGS',
}
registerEnumType(CostCategory, { name: 'CostCategory', description: 'What a cost was spent on (CAC, CRC, margins).' });

export enum SurveyKind {
  CSAT = 'CSAT',
  NPS = 'NPS',
}
registerEnumType(SurveyKind, {
  name: 'SurveyKind',
  description: 'Survey scale.',
  valuesConfig: { CSAT: { description: 'Satisfaction, 1 to 5.' }, NPS: { description: 'Likelihood to recommend, 0 to 10.' } },
});

export enum EventType {
  CONTENT_DOWNLOAD = 'CONTENT_DOWNLOAD',
  CONTENT_SHARE = 'CONTENT_SHARE',
  EMAIL_OPEN = 'EMAIL_OPEN',
  EVENT_ATTENDED = 'EVENT_ATTENDED',
  WEBINAR_ATTENDED = 'WEBINAR_ATTENDED',
  SUPPORT_TICKET = 'SUPPORT_TICKET',
  REFERENCE_CALL = 'REFERENCE_CALL',
  FIRST_VALUE = 'FIRST_VALUE',
  PHASE_ENTERED = 'PHASE_ENTERED',
}
registerEnumType(EventType, {
  name: 'EventType',
  description: 'Kind of engagement event.',
  valuesConfig: {
    FIRST_VALUE: { description: 'The customer got first value from the product (time to value).' },
    PHASE_ENTERED: { description: 'The customer entered a journey phase; the event names the phase.' },
  },
});

/** Fact tables whose rows are named by an external id (revenue is named by customer, month and type instead). */
export enum FactKind {
  COST = 'COST',
  INVOICE = 'INVOICE',
  SURVEY = 'SURVEY',
  EVENT = 'EVENT',
}
registerEnumType(FactKind, {
  name: 'FactKind',
  description: 'A kind of fact named by external id, for `deleteFacts`. Revenue rows are deleted with `deleteRevenue`.',
});
