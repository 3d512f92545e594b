#pragma once

#include "credentials/credentials.h"
#include "net/apierror.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QUrl>

#include <functional>

class Clock;
class HttpService;

// The bot's Login API session. The bearer lives in this object's memory only. A session is
// reused across cycles while it is younger than LivePerson's sessionTTl minus a safety
// margin; a 401/403 on a data call makes the caller invalidate() it and log in again once.
// The keep-alive refresh is not used: the session is renewed by logging in again, which
// LivePerson's retry policy allows and which keeps a cycle at two requests when warm.
class LoginSession : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const ApiError &, bool loggedInNow)>;

    LoginSession(HttpService *http, const Clock &clock, QObject *parent = nullptr);

    // Calls back at once when the session is valid; otherwise logs in first.
    void ensure(const QUrl &loginBase,
        const QString &accountId,
        const Credentials &credentials,
        QObject *context,
        Callback done);

    bool isValid() const;
    QByteArray authorizationHeader() const; // "Bearer …", empty without a session
    QDateTime expiresAt() const { return m_expiresAt; }

    // Forgets the session without telling the server (after a 401, or when credentials change).
    void invalidate();

    // Ends the session at the server, best effort, and forgets it either way.
    void logout(QObject *context, std::function<void(const ApiError &)> done);

    // How long before sessionTTl the session is treated as expired.
    static constexpr qint64 ExpiryMarginMs = 5 * 60 * 1000;
    // Used when a login answer carries no usable sessionTTl.
    static constexpr qint64 FallbackTtlMs = 60 * 60 * 1000;

    static QByteArray loginBody(const Credentials &credentials);

private:
    ApiError acceptLogin(const QJsonObject &answer, const QString &host);

    HttpService *m_http;
    const Clock &m_clock;
    QByteArray m_bearer;
    QByteArray m_csrf;
    QByteArray m_sessionCookie;
    QUrl m_loginBase;
    QString m_accountId;
    QDateTime m_expiresAt;
};
