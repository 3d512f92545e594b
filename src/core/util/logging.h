#pragma once

#include <QLoggingCategory>

// Dotted logging categories, one per component. Info is on by default; `--debug` enables
// `shiftsync.*.debug=true` through filter rules (see enableDebugLogging()).
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcDomains)
Q_DECLARE_LOGGING_CATEGORY(lcLogin)
Q_DECLARE_LOGGING_CATEGORY(lcShiftStatus)
Q_DECLARE_LOGGING_CATEGORY(lcSkills)
Q_DECLARE_LOGGING_CATEGORY(lcContext)
Q_DECLARE_LOGGING_CATEGORY(lcSync)
Q_DECLARE_LOGGING_CATEGORY(lcKeychain)
Q_DECLARE_LOGGING_CATEGORY(lcConfig)
Q_DECLARE_LOGGING_CATEGORY(lcApp)

namespace Logging {

// Turns on debug output for every ShiftSync category, leaving Qt's own categories alone.
void enableDebugLogging();

// The default rules: ShiftSync at info and above, Qt's own debug output off.
void installDefaultRules();

} // namespace Logging
