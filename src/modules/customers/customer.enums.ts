import { registerEnumType } from 'type-graphql';

export enum SalesChannel {
  DIRECT = 'DIRECT',
  PARTNER = 'PARTNER',
}
registerEnumType(SalesChannel, {
  name: 'SalesChannel',
  description: 'How the customer was won and is served: directly, or through a partner (then the customer names its partner).',
  valuesConfig: {
    DIRECT: { description: 'Won and served by the company itself; the customer has no partner.' },
    PARTNER: { description: 'Won or served through a partner, which the customer names.' },
  },
});
