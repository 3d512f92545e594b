#include "httpservice.h"

#include "util/logging.h"
#include "util/redaction.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonObject>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslError>
#include <QSslSocket>

namespace {

const char AbortedProperty[] = "shiftsync_aborted";

// After this many transport failures in a row the connection pool is dropped, so that
// sockets that died during a suspend or a network change are not reused (B15).
constexpr int NetworkErrorsBeforePoolReset = 3;

// Connection, timeout, TLS and proxy failures (Qt's codes below 200), as opposed to the codes
// Qt derives from an HTTP status the server sent.
bool isTransportError(QNetworkReply::NetworkError code)
{
    return code != QNetworkReply::NoError && code < QNetworkReply::ContentAccessDenied;
}

bool isTlsError(QNetworkReply::NetworkError code)
{
    return code == QNetworkReply::SslHandshakeFailedError || code == QNetworkReply::TooManyRedirectsError
        || code == QNetworkReply::InsecureRedirectError;
}

ErrorKind kindForStatus(int status)
{
    if (status == 401 || status == 403)
        return ErrorKind::Unauthorized;
    if (status == 429)
        return ErrorKind::Throttled;
    if (status == 413)
        return ErrorKind::TooLarge;
    if (status == 410)
        return ErrorKind::Retired;
    if (status == 451)
        return ErrorKind::Blocked;
    if (status >= 500)
        return ErrorKind::Server;
    return ErrorKind::Rejected;
}

// The server's own words, when the error body is one of the JSON shapes LivePerson uses:
// {"error":{"message":...}}, {"message":...} or {"error":"..."}.
QString serverMessage(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return QString();

    const QJsonObject object = doc.object();
    const QJsonValue error = object.value(QLatin1String("error"));
    if (error.isObject())
        return error.toObject().value(QLatin1String("message")).toString();
    if (error.isString())
        return error.toString();
    return object.value(QLatin1String("message")).toString();
}

int parseRetryAfter(const QByteArray &value)
{
    bool ok = false;
    const int seconds = value.trimmed().toInt(&ok);
    if (ok && seconds >= 0)
        return seconds;

    const QDateTime when = QDateTime::fromString(QString::fromLatin1(value.trimmed()), Qt::RFC2822Date);
    if (when.isValid())
        return static_cast<int>(std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(when)));
    return -1;
}

ApiError errorFor(const HttpCall &call, ErrorKind kind, int status, const QString &detail)
{
    ApiError error = ApiError::make(call.step, kind, detail);
    error.host = hostForPeople(call.url);
    error.httpStatus = status;
    return error;
}

ApiError transportError(QNetworkReply *reply, const HttpCall &call, bool abortedByUs, int timeoutMs)
{
    const QNetworkReply::NetworkError code = reply->error();
    if (code == QNetworkReply::OperationCanceledError && !abortedByUs) {
        // Qt reports its own transfer timeout as a cancellation; only we know we did not cancel.
        return errorFor(call, ErrorKind::Timeout, 0, QStringLiteral("timed out after %1 s").arg(timeoutMs / 1000));
    }
    if (code == QNetworkReply::OperationCanceledError)
        return errorFor(call, ErrorKind::Network, 0, QStringLiteral("cancelled"));

    const ErrorKind kind = isTlsError(code) ? ErrorKind::Tls : ErrorKind::Network;
    return errorFor(call, kind, 0, Redaction::scrub(reply->errorString()));
}

ApiError statusError(const HttpCall &call, int status, const QByteArray &body, const QByteArray &contentType)
{
    const QString message = serverMessage(body);
    QString detail = message.isEmpty() ? QStringLiteral("unexpected answer") : Redaction::bodyExcerpt(message.toUtf8());
    if (status >= 300 && status < 400)
        detail = QStringLiteral("unexpected redirect; check the endpoint URL");
    if (message.isEmpty() && !body.isEmpty())
        detail += QStringLiteral(" (%1: %2)").arg(QString::fromLatin1(contentType), Redaction::bodyExcerpt(body));

    const ErrorKind kind = (status >= 300 && status < 400) ? ErrorKind::Rejected : kindForStatus(status);
    return errorFor(call, kind, status, detail);
}

ApiError badData(const HttpCall &call, int status, const QString &what, const QByteArray &body)
{
    QString detail = what;
    if (!body.isEmpty())
        detail += QStringLiteral(" (body starts: %1)").arg(Redaction::bodyExcerpt(body));
    return errorFor(call, ErrorKind::BadData, status, detail);
}

bool isJsonContentType(const QByteArray &contentType)
{
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    return type == "application/json" || type.endsWith("+json") || type == "text/json";
}

// Checks a 2xx body against what the call expected: content type, JSON parse, top-level type.
ApiError
checkBody(const HttpCall &call, int status, const QByteArray &body, const QByteArray &contentType, QJsonDocument *json)
{
    if (call.expect == Expect::Anything)
        return {};
    if (call.expect == Expect::NoneOrJson && body.trimmed().isEmpty())
        return {};

    if (body.trimmed().isEmpty())
        return badData(call, status, QStringLiteral("empty body where JSON was expected"), body);
    if (!isJsonContentType(contentType)) {
        return badData(call,
            status,
            QStringLiteral("content type '%1' where JSON was expected").arg(QString::fromLatin1(contentType)),
            body);
    }

    QJsonParseError parseError;
    *json = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return badData(call,
            status,
            QStringLiteral("invalid JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString()),
            body);
    }

    if (call.expect == Expect::JsonArray && !json->isArray())
        return badData(call, status, QStringLiteral("a JSON array was expected"), body);
    if (call.expect == Expect::JsonObject && !json->isObject())
        return badData(call, status, QStringLiteral("a JSON object was expected"), body);
    return {};
}

} // namespace

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return QByteArray();
}

// "host" for the default port, "host:port" otherwise: two local servers differ only by port.
QString hostForPeople(const QUrl &url)
{
    return url.port() < 0 ? url.host() : QStringLiteral("%1:%2").arg(url.host()).arg(url.port());
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;

    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

HttpResult judgeReply(QNetworkReply *reply, const HttpCall &call, bool abortedByUs)
{
    HttpResult result;
    result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.http2Used = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
    // An aborted reply is closed; reading it would only print a QIODevice warning.
    if (reply->isOpen())
        result.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        result.headers.append(pair);

    const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();

    // A transport failure is the network's fault even when the headers, and so a status, had
    // already arrived: a body cut off by a stall or a reset is not the server's answer, and
    // judging the half body would turn a retryable timeout into "bad data". Otherwise the
    // server answered, and its status says more than Qt's error code does.
    if (result.httpStatus == 0 || isTransportError(reply->error())) {
        const int timeoutMs = reply->request().transferTimeout();
        result.error = transportError(reply, call, abortedByUs, timeoutMs);
        if (!result.error.isError())
            result.error = errorFor(call, ErrorKind::Network, 0, QStringLiteral("no HTTP answer"));
        return result;
    }

    const bool success
        = (result.httpStatus >= 200 && result.httpStatus < 300) || (call.acceptNotModified && result.httpStatus == 304);
    if (!success) {
        result.error = statusError(call, result.httpStatus, result.body, contentType);
        result.error.retryAfterSeconds = parseRetryAfter(result.header("Retry-After"));
        return result;
    }

    if (result.httpStatus != 304)
        result.error = checkBody(call, result.httpStatus, result.body, contentType, &result.json);
    return result;
}

HttpService::HttpService(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
{ }

HttpService::~HttpService()
{
    abortAll();
}

void HttpService::setHttp2Allowed(bool allowed)
{
    m_http2Allowed = allowed;
    qCInfo(lcHttp) << "HTTP/2" << (allowed ? "allowed" : "off (HTTP/1.1 only)");
}

QByteArray HttpService::userAgent()
{
    return QByteArrayLiteral("ShiftSync/") + SHIFTSYNC_VERSION + QByteArrayLiteral(" (Qt ") + qVersion() + ')';
}

QNetworkRequest HttpService::buildRequest(const HttpCall &call) const
{
    QNetworkRequest request(call.url);
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, m_http2Allowed);
    // No ambient cookies: LoginSession sends the one cookie LivePerson needs (Session_id, to
    // logout) itself, so a stale session cookie never rides along on a fresh login.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader("Accept", "application/json");
    if (!call.body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));

    for (const auto &[name, value] : call.headers)
        request.setRawHeader(name, value);
    return request;
}

namespace {

// Reports a call refused before any traffic, through the event loop like a real answer, so
// callers never see their callback run inside send().
void refuse(QObject *context, const std::function<void(const HttpResult &)> &done, const ApiError &error)
{
    HttpResult refused;
    refused.error = error;
    QMetaObject::invokeMethod(
        context,
        [done, refused] { done(refused); },
        Qt::QueuedConnection);
}

} // namespace

void HttpService::send(const HttpCall &call, QObject *context, std::function<void(const HttpResult &)> done)
{
    if (call.url.scheme() != QLatin1String("https") && !isLoopbackHost(call.url.host())) {
        ApiError error = errorFor(call,
            ErrorKind::Configuration,
            0,
            QStringLiteral("refusing plain '%1' to a non-loopback host").arg(call.url.scheme()));
        error.hint = QStringLiteral("Use an https:// URL; plain http is only allowed to this machine");
        return refuse(context, done, error);
    }
    if (call.url.scheme() == QLatin1String("https") && !QSslSocket::supportsSsl()) {
        // B11: without a TLS backend every https call fails with a vague error; say what it is.
        ApiError error
            = errorFor(call, ErrorKind::Tls, 0, QStringLiteral("this installation cannot make secure connections"));
        error.hint
            = QStringLiteral("No working TLS backend (OpenSSL) was found; reinstall ShiftSync or Qt's TLS plugin");
        return refuse(context, done, error);
    }

    QNetworkReply *reply = m_nam->sendCustomRequest(buildRequest(call), call.verb, call.body);
    ++m_requestsSent;
    m_inFlight.append(reply);
    qCDebug(lcHttp).noquote() << call.verb << Redaction::url(call.url);

    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this, [this, reply, call, guard, done, timer] {
        m_inFlight.removeOne(reply);
        reply->deleteLater();
        qCDebug(lcHttp).noquote() << call.verb << Redaction::url(call.url) << "finished in" << timer->elapsed() << "ms";
        finish(reply, call, guard.data(), done);
    });
}

void HttpService::finish(QNetworkReply *reply,
    const HttpCall &call,
    QObject *context,
    const std::function<void(const HttpResult &)> &done)
{
    const bool abortedByUs = reply->property(AbortedProperty).toBool();
    const HttpResult result = judgeReply(reply, call, abortedByUs);
    noteTransportOutcome(result);

    if (result.ok()) {
        qCDebug(lcHttp).noquote() << "HTTP" << result.httpStatus << (result.http2Used ? "over HTTP/2" : "over HTTP/1.1")
                                  << "from" << Redaction::url(call.url);
    } else {
        qCWarning(lcHttp).noquote() << result.error.toString();
    }

    if (context)
        done(result);
}

void HttpService::noteTransportOutcome(const HttpResult &result)
{
    const ErrorKind kind = result.error.kind;
    if (kind != ErrorKind::Network && kind != ErrorKind::Timeout) {
        m_consecutiveNetworkErrors = 0;
        return;
    }

    if (++m_consecutiveNetworkErrors >= NetworkErrorsBeforePoolReset) {
        qCInfo(lcHttp) << "dropping pooled connections after" << m_consecutiveNetworkErrors << "network failures";
        m_nam->clearConnectionCache();
        m_consecutiveNetworkErrors = 0;
    }
}

void HttpService::abortAll()
{
    const QList<QNetworkReply *> replies = m_inFlight;
    for (QNetworkReply *reply : replies) {
        reply->setProperty(AbortedProperty, true);
        reply->abort();
    }
}
