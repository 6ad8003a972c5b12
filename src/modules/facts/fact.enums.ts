import { registerEnumType } from 'type-graphql';

export enum RevenueType {
  RECURRING = 'RECURRING',
  ONE_TIME = 'ONE_TIME',
  SERVICES = 'SERVICES',
}
registerEnumType(RevenueType, {
  name: 'RevenueType',
  description: 'Kind of revenue. In a SUBSCRIPTION workspace only RECURRING revenue counts as MRR; in a TRANSACTIONAL one every kind counts in the run rate.',
  valuesConfig: {
    RECURRING: { description: 'Subscription revenue of the month: it makes the MRR.' },
    ONE_TIME: { description: 'A one-off sale, e.g. a licence or hardware.' },
    SERVICES: { description: 'Services: implementation, training, consulting.' },
  },
});

export enum CostCategory {
  ACQUISITION = 'ACQUISITION',
  RETENTION = 'RETENTION',
  SERVICING = 'SERVICING',
  COGS = 'COGS',
}
registerEnumType(CostCategory, {
  name: 'CostCategory',
  description: 'What a cost was spent on; each category feeds its KPIs.',
  valuesConfig: {
    ACQUISITION: { description: 'Winning new customers (marketing and sales): CAC, customer equity.' },
    RETENTION: { description: 'Keeping customers (customer success, loyalty programmes): CRC, customer equity.' },
    SERVICING: { description: 'Serving customers (support, account management): the margins, customer equity.' },
    COGS: { description: 'Cost of goods sold (hosting, licences resold): the margins.' },
  },
});

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
    CONTENT_DOWNLOAD: { description: 'The customer downloaded content (counts in CONTENT_ENGAGEMENT_RATE).' },
    CONTENT_SHARE: { description: 'The customer shared content (counts in CONTENT_ENGAGEMENT_RATE).' },
    EMAIL_OPEN: { description: 'The customer opened an email.' },
    EVENT_ATTENDED: { description: 'The customer attended an event.' },
    WEBINAR_ATTENDED: { description: 'The customer attended a webinar.' },
    SUPPORT_TICKET: { description: 'The customer opened a support ticket (counts in TICKETS_PER_CUSTOMER).' },
    REFERENCE_CALL: { description: 'The customer took a reference call with a prospect (counts in REFERENCE_CALLS).' },
    FIRST_VALUE: { description: 'The customer got first value from the product (TIME_TO_VALUE_DAYS).' },
    PHASE_ENTERED: { description: 'The customer entered a journey phase; the event names the phase.' },
  },
});

/** Fact tables whose rows are named by an external id (revenue is named by customer, month and type instead). */
export enum FactKind {
  COST = 'COST',
  INVOICE = 'INVOICE',
  SURVEY = 'SURVEY',
  EVENT = 'EVENT',
  ORDER = 'ORDER',
  REFUND = 'REFUND',
}
registerEnumType(FactKind, {
  name: 'FactKind',
  description: 'A kind of fact named by external id, for `deleteFacts`. Revenue rows are deleted with `deleteRevenue`.',
  valuesConfig: {
    COST: { description: 'Cost rows.' },
    INVOICE: { description: 'Invoices.' },
    SURVEY: { description: 'Survey responses.' },
    EVENT: { description: 'Engagement events.' },
    ORDER: { description: 'Orders; deleting an order deletes its refunds.' },
    REFUND: { description: 'Refunds.' },
  },
});
