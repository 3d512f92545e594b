#pragma once

#include <QLoggingCategory>

// The simulator's request log ("shiftsync.simulator"): one info line per request. The
// simulator does not link shiftsync_core, so it declares its own category.
Q_DECLARE_LOGGING_CATEGORY(lcSimulator)
