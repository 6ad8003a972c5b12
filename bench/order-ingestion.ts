import { customerExternalId } from '../src/demo/generator/dataset';

/**
 * The rows of one `recordOrders` batch of the benchmark: `batch` new orders (round `round`) spread over the first `width`
 * customers of the bench's workspace in December 2025, at a shop's spread of amounts, a third placed at a touchpoint.
 * Orders are measured like revenue rows and events: new rows in 10,000-row batches over HTTP.
 */
export function benchOrders(round: number, batch: number, width: number) {
  return Array.from({ length: batch }, (_, i) => ({
    externalId: `bench-ord-${round}-${i}`,
    customer: customerExternalId(i % width),
    orderedAt: `2025-12-${String(1 + (i % 28)).padStart(2, '0')}T${String(8 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`,
    amount: (1990 + (i % 180) * 100 + (i % 7) * 15) / 100,
    ...(i % 3 === 0 ? { touchpoint: 'contact_content' } : {}),
  }));
}
