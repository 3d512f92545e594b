#include "logging.h"

Q_LOGGING_CATEGORY(lcHttp, "shiftsync.net.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDomains, "shiftsync.api.domains", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLogin, "shiftsync.api.login", QtInfoMsg)
Q_LOGGING_CATEGORY(lcShiftStatus, "shiftsync.api.shiftstatus", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSkills, "shiftsync.api.skills", QtInfoMsg)
Q_LOGGING_CATEGORY(lcContext, "shiftsync.api.context", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "shiftsync.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcKeychain, "shiftsync.keychain", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConfig, "shiftsync.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApp, "shiftsync.app", QtInfoMsg)

namespace Logging {

void installDefaultRules()
{
    QLoggingCategory::setFilterRules(QStringLiteral("shiftsync.*.debug=false"));
}

void enableDebugLogging()
{
    QLoggingCategory::setFilterRules(QStringLiteral("shiftsync.*.debug=true"));
}

} // namespace Logging
