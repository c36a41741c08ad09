// Customers: end users named by a request's `user` field.

import type { Kysely } from 'kysely';
import type { CustomerRecord } from '../../governance/identity.js';
import type { Database } from '../database-schema.js';
import { customerFromRow, customerToRow } from '../row-codecs.js';
import { upsertRow } from './upsert-row.js';

export function createCustomerRepository(db: Kysely<Database>) {
  return {
    async getCustomer(userId: string): Promise<CustomerRecord | undefined> {
      const row = await db.selectFrom('llmux_customers').selectAll().where('user_id', '=', userId).executeTakeFirst();
      return row === undefined ? undefined : customerFromRow(row);
    },
    async upsertCustomer(customer: CustomerRecord): Promise<void> {
      const row = customerToRow(customer);
      await upsertRow(db, 'llmux_customers', row, 'user_id', ['created_at', 'spend']);
    },
    async deleteCustomers(userIds: readonly string[]): Promise<number> {
      if (userIds.length === 0) return 0;
      const result = await db.deleteFrom('llmux_customers').where('user_id', 'in', userIds).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async listCustomers(): Promise<CustomerRecord[]> {
      const rows = await db.selectFrom('llmux_customers').selectAll().orderBy('created_at').orderBy('user_id').execute();
      return rows.map(customerFromRow);
    },
  };
}
