// Store::write on SQLite: a unit of work on the writer, inside its BEGIN IMMEDIATE transaction.
#pragma once

#include "store/sql/sealed_fields.h"
#include "store/sqlite/sqlite_database.h"
#include "store/unit_of_work.h"

namespace vg::store::sqlite {

// One writer, BEGIN IMMEDIATE: nothing else writes between the work's reads and its writes, so
// what it read still holds when its rows land (across processes too, by the file lock). Answers
// after COMMIT, which in WAL mode with synchronous=FULL has synced the log: durable even across
// power loss.
// `fields` seals and opens the fields the store seals (sealed_fields.h).
Result<void> write_unit_of_work(Database& db, const SealedFields& fields, const UnitOfWorkBody& work);

}  // namespace vg::store::sqlite
