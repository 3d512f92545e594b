#include "loginsession.h"

#include "net/httpservice.h"
#include "util/clock.h"
#include "util/logging.h"
#include "util/redaction.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkCookie>

namespace {

QUrl loginServiceUrl(const QUrl &base, const QString &accountId, const QString &method, bool withVersion)
{
    QUrl url = base;
    url.setPath(QStringLiteral("/api/account/%1/%2").arg(accountId, method));
    if (withVersion)
        url.setQuery(QStringLiteral("v=1.3"));
    return url;
}

QByteArray sessionCookieFrom(const HttpResult &result, const QJsonObject &answer)
{
    const QByteArray header = result.header("Set-Cookie");
    for (const QNetworkCookie &cookie : QNetworkCookie::parseCookies(header)) {
        if (cookie.name().compare("Session_id", Qt::CaseInsensitive) == 0)
            return cookie.value();
    }
    // LivePerson's CLI uses the body's sessionId when no cookie arrives.
    return answer.value(QLatin1String("sessionId")).toString().toUtf8();
}

} // namespace

LoginSession::LoginSession(HttpService *http, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_clock(clock)
{ }

bool LoginSession::isValid() const
{
    return !m_bearer.isEmpty() && m_clock.nowUtc() < m_expiresAt;
}

QByteArray LoginSession::authorizationHeader() const
{
    return m_bearer.isEmpty() ? QByteArray() : QByteArrayLiteral("Bearer ") + m_bearer;
}

void LoginSession::invalidate()
{
    m_bearer.clear();
    m_csrf.clear();
    m_sessionCookie.clear();
    m_expiresAt = QDateTime();
}

QByteArray LoginSession::loginBody(const Credentials &credentials)
{
    // Both forms send the same five fields; OAuth 2.0 puts placeholders in the token fields.
    const bool legacy = credentials.form == LoginForm::LegacyApiKey;
    const QString placeholder = OAuth2TokenPlaceholder;
    const QJsonObject body {
        {QStringLiteral("username"), credentials.username},
        {QStringLiteral("appKey"), credentials.appKey},
        {QStringLiteral("secret"), credentials.secret},
        {QStringLiteral("accessToken"), legacy ? credentials.accessToken : placeholder},
        {QStringLiteral("accessTokenSecret"), legacy ? credentials.accessTokenSecret : placeholder},
    };
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

void LoginSession::ensure(const QUrl &loginBase,
    const QString &accountId,
    const Credentials &credentials,
    QObject *context,
    Callback done)
{
    const bool sameTarget = loginBase == m_loginBase && accountId == m_accountId;
    if (isValid() && sameTarget) {
        done(ApiError(), false);
        return;
    }

    invalidate();
    HttpCall call;
    call.step = SyncStep::Login;
    call.verb = "POST";
    call.url = loginServiceUrl(loginBase, accountId, QStringLiteral("login"), true);
    call.body = loginBody(credentials);
    call.expect = Expect::JsonObject;

    m_http->send(call, context, [this, loginBase, accountId, done](const HttpResult &result) {
        if (!result.ok()) {
            done(result.error, false);
            return;
        }

        ApiError error = acceptLogin(result.json.object(), hostForPeople(loginBase));
        if (!error.isError()) {
            m_sessionCookie = sessionCookieFrom(result, result.json.object());
            m_loginBase = loginBase;
            m_accountId = accountId;
            qCInfo(lcLogin).noquote() << "logged in to account" << accountId << "at" << loginBase.host()
                                      << "session valid until" << m_expiresAt.toString(Qt::ISODate);
        }
        done(error, !error.isError());
    });
}

ApiError LoginSession::acceptLogin(const QJsonObject &answer, const QString &host)
{
    // A 200 is not a login: without a non-empty string bearer every later call would go out
    // as "Bearer undefined", which is exactly how the reference job fails.
    const QJsonValue bearer = answer.value(QLatin1String("bearer"));
    if (!bearer.isString() || bearer.toString().isEmpty()) {
        ApiError error = ApiError::make(SyncStep::Login,
            ErrorKind::BadData,
            QStringLiteral("the login answer has no bearer token"),
            QStringLiteral("Check that the bot user's login method matches the credentials; nothing was written"));
        error.host = host;
        error.httpStatus = 200;
        return error;
    }

    m_bearer = bearer.toString().toUtf8();
    m_csrf = answer.value(QLatin1String("csrf")).toString().toUtf8();
    Redaction::registerSecret(QString::fromUtf8(m_bearer));
    Redaction::registerSecret(QString::fromUtf8(m_csrf));

    // sessionTTl is documented as a string of milliseconds; accept a number too.
    const QJsonValue ttlValue = answer.value(QLatin1String("sessionTTl"));
    bool ok = false;
    qint64 ttl = ttlValue.isString() ? ttlValue.toString().toLongLong(&ok) : ttlValue.toInteger(-1);
    if (ttlValue.isDouble())
        ok = ttl > 0;
    if (!ok || ttl <= 0)
        ttl = FallbackTtlMs;

    const qint64 usable = std::max<qint64>(ttl - ExpiryMarginMs, ttl / 2);
    m_expiresAt = m_clock.nowUtc().addMSecs(usable);
    return ApiError();
}

void LoginSession::logout(QObject *context, std::function<void(const ApiError &)> done)
{
    if (m_bearer.isEmpty()) {
        done(ApiError());
        return;
    }

    HttpCall call;
    call.step = SyncStep::Logout;
    call.verb = "POST";
    call.url = loginServiceUrl(m_loginBase, m_accountId, QStringLiteral("logout"), true);
    call.body = QJsonDocument(QJsonObject {{QStringLiteral("csrf"), QString::fromUtf8(m_csrf)}})
                    .toJson(QJsonDocument::Compact);
    call.headers.append({"Cookie", QByteArrayLiteral("Session_id=") + m_sessionCookie});
    call.headers.append({"Authorization", authorizationHeader()});
    invalidate();

    m_http->send(call, context, [done](const HttpResult &result) {
        if (result.ok())
            qCInfo(lcLogin) << "logged out";
        done(result.error);
    });
}
