import { RECORD_SELECT } from './record-row.js';
import type { StoreQuery } from './store.js';


export interface BuiltQuery {
  text: string;
  params: unknown[];
  countText: string | null;
  countParams: unknown[];
}

/**
 * The SQL of one dashboard page, for either store (they differ only in placeholders). Every filter is
 * an equality or a range on an indexed column; paging is by seq (keyset), never by OFFSET, so page
 * 1,000 costs what page 1 costs.
 */
export function buildPageQuery(query: StoreQuery, placeholder: (index: number) => string): BuiltQuery {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (condition: (slot: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(condition(placeholder(params.length)));
  };
  if (query.app !== undefined) add((slot) => `app = ${slot}`, query.app);
  if (query.grade !== undefined) add((slot) => `grade = ${slot}`, query.grade);
  if (query.provider !== undefined) add((slot) => `provider = ${slot}`, query.provider);
  if (query.outcome !== undefined) add((slot) => `outcome = ${slot}`, query.outcome);
  if (query.requestId !== undefined) add((slot) => `request_id = ${slot}`, query.requestId);
  if (query.kinds !== undefined && query.kinds.length > 0) {
    const slots = query.kinds.map((kind) => {
      params.push(kind);
      return placeholder(params.length);
    });
    conditions.push(`kind IN (${slots.join(', ')})`);
  }
  if (query.from !== undefined) add((slot) => `time >= ${slot}`, query.from);
  if (query.to !== undefined) add((slot) => `time < ${slot}`, query.to);
  const filterConditions = [...conditions];
  const filterParams = [...params];
  if (query.cursor !== undefined) add((slot) => (query.descending ? `seq < ${slot}` : `seq > ${slot}`), query.cursor);
  const where = (list: string[]) => (list.length === 0 ? '' : ` WHERE ${list.join(' AND ')}`);
  params.push(query.limit + 1);
  const text = `SELECT ${RECORD_SELECT} FROM audit_records${where(conditions)} ORDER BY seq ${query.descending ? 'DESC' : 'ASC'} LIMIT ${placeholder(params.length)}`;
  return {
    text,
    params,
    countText: query.withTotal ? `SELECT count(*) AS total FROM audit_records${where(filterConditions)}` : null,
    countParams: filterParams,
  };
}
