#ifndef KINERJA_CLIBPQ_SHIM_H
#define KINERJA_CLIBPQ_SHIM_H
#include <libpq-fe.h>

// The PG_DIAG_* field codes are macros over character literals, which Swift does not import.
// Re-export them as constants so the Swift layer can read every field of a server error.
static const int KPG_DIAG_SEVERITY = PG_DIAG_SEVERITY;
static const int KPG_DIAG_SEVERITY_NONLOCALIZED = PG_DIAG_SEVERITY_NONLOCALIZED;
static const int KPG_DIAG_SQLSTATE = PG_DIAG_SQLSTATE;
static const int KPG_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY;
static const int KPG_DIAG_MESSAGE_DETAIL = PG_DIAG_MESSAGE_DETAIL;
static const int KPG_DIAG_MESSAGE_HINT = PG_DIAG_MESSAGE_HINT;
static const int KPG_DIAG_STATEMENT_POSITION = PG_DIAG_STATEMENT_POSITION;
static const int KPG_DIAG_CONTEXT = PG_DIAG_CONTEXT;
static const int KPG_DIAG_SCHEMA_NAME = PG_DIAG_SCHEMA_NAME;
static const int KPG_DIAG_TABLE_NAME = PG_DIAG_TABLE_NAME;
static const int KPG_DIAG_COLUMN_NAME = PG_DIAG_COLUMN_NAME;
static const int KPG_DIAG_CONSTRAINT_NAME = PG_DIAG_CONSTRAINT_NAME;
static const int KPG_DIAG_DATATYPE_NAME = PG_DIAG_DATATYPE_NAME;
#endif
