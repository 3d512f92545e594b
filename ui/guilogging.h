#pragma once

#include <QLoggingCategory>

// The desktop's logging categories, in the same dotted scheme as the core's (util/logging.h),
// so `--debug` and the default rules cover them too.
Q_DECLARE_LOGGING_CATEGORY(lcGui)
Q_DECLARE_LOGGING_CATEGORY(lcTray)
