// Store::write on PostgreSQL: a unit of work on one pooled connection, inside its write
// transaction.
#pragma once

#include "store/postgres/pg_database.h"
#include "store/sql/sealed_fields.h"
#include "store/unit_of_work.h"

namespace vg::store::postgres {

// Answers after COMMIT, which with PostgreSQL's default synchronous_commit=on has flushed the
// WAL: what the caller was told is stored survives a crash of either process. Two processes may
// run units of work at once; one whose insert a unique index refused may have read before the
// other committed, so it runs again (a few times at most), and its reads then see that row.
// `fields` seals and opens the fields the store seals (sealed_fields.h).
Result<void> write_unit_of_work(Pool& pool, const SealedFields& fields, const UnitOfWorkBody& work);

}  // namespace vg::store::postgres
