#pragma once

#include <QMetaType>
#include <QString>

// The steps of a sync cycle (and the calls around it). Every error names the step it
// happened in, so an operator can tell "login failed" from "the write failed".
enum class SyncStep {
    None,
    Configuration,
    Credentials,
    Domains,
    Login,
    FetchShiftStatus,
    Shape,
    Write,
    Prune,
    ReadBack,
    Skills,
    Logout,
};

// What kind of failure it was: the engine decides about retries from this alone, never by
// parsing message text.
enum class ErrorKind {
    None,
    Configuration, // our settings are wrong or incomplete; fix them, no retry helps
    Credentials, // the keychain or credentials file could not provide a complete set
    Network, // connection refused, reset, DNS, ...
    Timeout, // no progress within the transfer timeout
    Tls, // certificate or handshake failure; never ignored
    Unauthorized, // 401/403
    Throttled, // 429
    Server, // 5xx
    BadData, // a 2xx answer we cannot use: wrong content type, broken JSON, wrong shape
    Rejected, // any other 4xx (and unexpected 3xx): the request must change first
    TooLarge, // 413 or a body over the store's document limit
    Retired, // 410: the API version is gone
    Blocked, // 451: the account or user is blocked
};

QString stepName(SyncStep step);
QString errorKindName(ErrorKind kind);

// One failed call or check, phrased for people: where (step, host), what (status, detail)
// and what to do (hint). It never contains a secret: callers build it from redacted parts.
struct ApiError
{
    SyncStep step = SyncStep::None;
    ErrorKind kind = ErrorKind::None;
    QString host;
    int httpStatus = 0;
    QString detail;
    QString hint;
    int retryAfterSeconds = -1; // from a Retry-After header, -1 when absent

    bool isError() const { return kind != ErrorKind::None; }

    // "login at va.agentvep.liveperson.net failed: HTTP 401 (bad credentials). Check ..."
    QString toString() const;

    static ApiError make(SyncStep step, ErrorKind kind, const QString &detail, const QString &hint = {});
};

// The standard advice for a kind of failure at a step, used when the call site has nothing
// more specific to say.
QString defaultHint(SyncStep step, ErrorKind kind, int httpStatus);

Q_DECLARE_METATYPE(ApiError)
