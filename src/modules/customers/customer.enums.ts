import { registerEnumType } from 'type-graphql';

export enum Segment {
  ENTERPRISE = 'ENTERPRISE',
  MID_MARKET = 'MID_MARKET',
  SMB = 'SMB',
}
registerEnumType(Segment, { name: 'Segment', description: 'Size segment of a customer.' });

export enum SalesChannel {
  DIRECT = 'DIRECT',
  PARTNER = 'PARTNER',
}
registerEnumType(SalesChannel, {
  name: 'SalesChannel',
  description: 'How the customer was won and is served: directly, or through a partner (then the customer names its partner).',
});
