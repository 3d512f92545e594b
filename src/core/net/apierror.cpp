#include "apierror.h"

QString stepName(SyncStep step)
{
    switch (step) {
    case SyncStep::None:
        return QStringLiteral("none");
    case SyncStep::Configuration:
        return QStringLiteral("configuration");
    case SyncStep::Credentials:
        return QStringLiteral("credentials");
    case SyncStep::Domains:
        return QStringLiteral("domains");
    case SyncStep::Login:
        return QStringLiteral("login");
    case SyncStep::FetchShiftStatus:
        return QStringLiteral("shift-status");
    case SyncStep::Shape:
        return QStringLiteral("shape");
    case SyncStep::Write:
        return QStringLiteral("write");
    case SyncStep::Prune:
        return QStringLiteral("prune");
    case SyncStep::ReadBack:
        return QStringLiteral("read-back");
    case SyncStep::Skills:
        return QStringLiteral("skills");
    case SyncStep::Logout:
        return QStringLiteral("logout");
    }
    return QStringLiteral("unknown");
}

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return QStringLiteral("none");
    case ErrorKind::Configuration:
        return QStringLiteral("configuration");
    case ErrorKind::Credentials:
        return QStringLiteral("credentials");
    case ErrorKind::Network:
        return QStringLiteral("network");
    case ErrorKind::Timeout:
        return QStringLiteral("timeout");
    case ErrorKind::Tls:
        return QStringLiteral("tls");
    case ErrorKind::Unauthorized:
        return QStringLiteral("unauthorized");
    case ErrorKind::Throttled:
        return QStringLiteral("throttled");
    case ErrorKind::Server:
        return QStringLiteral("server");
    case ErrorKind::BadData:
        return QStringLiteral("bad-data");
    case ErrorKind::Rejected:
        return QStringLiteral("rejected");
    case ErrorKind::TooLarge:
        return QStringLiteral("too-large");
    case ErrorKind::Retired:
        return QStringLiteral("retired");
    case ErrorKind::Blocked:
        return QStringLiteral("blocked");
    }
    return QStringLiteral("unknown");
}

QString ApiError::toString() const
{
    if (!isError())
        return QString();

    QString text = stepName(step);
    if (!host.isEmpty())
        text += QStringLiteral(" at ") + host;
    text += QStringLiteral(" failed: ");
    if (httpStatus > 0)
        text += QStringLiteral("HTTP %1 ").arg(httpStatus);
    text += detail;

    const QString advice = hint.isEmpty() ? defaultHint(step, kind, httpStatus) : hint;
    if (!advice.isEmpty())
        text += QStringLiteral(". ") + advice;
    return text;
}

ApiError ApiError::make(SyncStep step, ErrorKind kind, const QString &detail, const QString &hint)
{
    ApiError error;
    error.step = step;
    error.kind = kind;
    error.detail = detail;
    error.hint = hint;
    return error;
}

namespace {

QString unauthorizedHint(SyncStep step)
{
    switch (step) {
    case SyncStep::Login:
        return QStringLiteral("Check the bot's username, client id and client secret (or the legacy API key "
                              "fields), and that the login form matches the key type; OAuth 1.0 keys were "
                              "retired by LivePerson in 2025-2026");
    case SyncStep::Write:
    case SyncStep::ReadBack:
    case SyncStep::Prune:
        return QStringLiteral("Check the Conversation Orchestrator API key (maven-api-key) and the context "
                              "region; a regenerated key invalidates the old one at once");
    case SyncStep::Skills:
        return QStringLiteral("The bot user may lack the permission to read skills; names fall back to ids");
    case SyncStep::Domains:
        return QStringLiteral("The Domain API refused the account; check the account id and the CSDS URL");
    default:
        return QStringLiteral("The session was rejected; check that the bot user has the Agent role");
    }
}

} // namespace

QString defaultHint(SyncStep step, ErrorKind kind, int httpStatus)
{
    switch (kind) {
    case ErrorKind::None:
        return QString();
    case ErrorKind::Configuration:
        return QStringLiteral("Fix the setting and try again");
    case ErrorKind::Credentials:
        return QStringLiteral("Store the credentials again (shiftsync --import-credentials FILE, or the "
                              "credentials dialog)");
    case ErrorKind::Network:
        return QStringLiteral("Check the network connection and the endpoint URL; ShiftSync retries on its own");
    case ErrorKind::Timeout:
        return QStringLiteral("The server stopped answering; ShiftSync retries on its own. If it persists, check "
                              "the endpoint URL and any proxy");
    case ErrorKind::Tls:
        return QStringLiteral("The secure connection could not be verified; check the system's CA certificates, "
                              "the clock and any TLS-inspecting proxy. ShiftSync never ignores TLS errors");
    case ErrorKind::Unauthorized:
        return unauthorizedHint(step);
    case ErrorKind::Throttled:
        return QStringLiteral("LivePerson is rate-limiting this client; ShiftSync waits and retries");
    case ErrorKind::Server:
        return QStringLiteral("LivePerson answered with a server error; ShiftSync retries after 5, 10 and 15 s, "
                              "then backs off");
    case ErrorKind::BadData:
        if (step == SyncStep::Shape)
            return QStringLiteral("The skipped entries are listed in the activity log; bots keep the last good data");
        return QStringLiteral("The answer was not the JSON LivePerson documents (a proxy or maintenance page?); "
                              "nothing was written");
    case ErrorKind::Rejected:
        return httpStatus == 404 ? QStringLiteral("Check the account id and the endpoint URL for this step")
                                 : QStringLiteral("The request was refused; check the account id, the "
                                                  "namespace and the endpoint URL");
    case ErrorKind::TooLarge:
        return QStringLiteral("The namespace document is over the context store's size limit (documented as "
                              "800,000 characters); use a fresh namespace or delete stale keys");
    case ErrorKind::Retired:
        return QStringLiteral("This API version has been retired by LivePerson; a newer ShiftSync is needed");
    case ErrorKind::Blocked:
        return QStringLiteral("LivePerson reports the account or user as blocked; contact LivePerson support. "
                              "ShiftSync stops retrying");
    }
    return QString();
}
